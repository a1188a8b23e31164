/**
 * Facts derived from the whole workspace that the editor features share, computed once per workspace state rather
 * than on every completion or hover request. They are dropped when a build has linked its documents (the facts
 * follow references) and when a document is deleted.
 */
import { AstUtils, DocumentState, type LangiumSharedCoreServices, WorkspaceCache } from 'langium';
import { type BusinessEvent, isJourney, isModel, isStep, type Step } from '../generated/ast.js';

export interface EventUsage {
    raisedBy: Step[];
    consumedBy: Step[];
}

export class IomEditorFacts {
    private readonly cache: WorkspaceCache<'usage', Map<BusinessEvent, EventUsage>>;

    constructor(private readonly shared: LangiumSharedCoreServices) {
        this.cache = new WorkspaceCache(shared, DocumentState.Linked);
    }

    /** The steps that raise (output) and consume (input) an event, in workspace order. */
    eventUsage(event: BusinessEvent): EventUsage {
        const usage = this.cache.get('usage', () => this.computeUsage()).get(event);
        return { raisedBy: [...(usage?.raisedBy ?? [])], consumedBy: [...(usage?.consumedBy ?? [])] };
    }

    /** Every step of the workspace's journeys. */
    allSteps(): Step[] {
        const steps: Step[] = [];
        for (const document of this.shared.workspace.LangiumDocuments.all) {
            const model = document.parseResult.value;
            if (!isModel(model)) continue;
            for (const element of model.elements) {
                if (isJourney(element)) steps.push(...AstUtils.streamAllContents(element).filter(isStep));
            }
        }
        return steps;
    }

    private computeUsage(): Map<BusinessEvent, EventUsage> {
        const usageByEvent = new Map<BusinessEvent, EventUsage>();
        const usage = (event: BusinessEvent) => {
            let entry = usageByEvent.get(event);
            if (!entry) usageByEvent.set(event, (entry = { raisedBy: [], consumedBy: [] }));
            return entry;
        };
        for (const step of this.allSteps()) {
            for (const event of new Set(step.outputEvents.map(ref => ref.ref))) if (event) usage(event).raisedBy.push(step);
            for (const event of new Set(step.inputEvents.map(ref => ref.ref))) if (event) usage(event).consumedBy.push(step);
        }
        return usageByEvent;
    }
}
