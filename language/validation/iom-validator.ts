import { DocumentState, type LangiumSharedCoreServices, URI, type ValidationChecks } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { IomAstType } from '../generated/ast.js';
import type { IomServices } from '../iom-module.js';
import { configServiceFor } from '../workspace/iom-config-service.js';
import { isBuiltinDocument } from '../workspace/iom-workspace-manager.js';
import {
    allowsMustNotRepeatInputs, entryStepsMustListenToIntakeEvents, inputEventsMustBeAllowedAndRaised, stepsMustHaveAnActionType
} from './action-types.js';
import { CheckContext } from './check-context.js';
import {
    bindingsMustMatchTheConnector, connectionsShouldBeUsed, connectionUrlsMustBeWellFormed, platformMustBindEveryReference,
    referencesMustBeBoundOnce
} from './connections.js';
import { IomWorkspaceFactsProvider } from './facts.js';
import {
    conditionsMustHaveYesAndNo, journeysMustHaveASupportedOrchestrationType, newOrderJourneysNeedAnIntakeProvider,
    onlyMergeElementsAreFollowed, publishedJourneysMustNotCompete, splittersMustHaveDistinctFilteredBranches,
    stepPoliciesMustFitTheirSlot, tilesMustHaveWhatTheyNeed
} from './journeys.js';
import {
    definitionMembersMustBeUnique, definitionsMustHaveALogicalName, entityMembersMustBeUnique, journeyElementNamesMustBeUnique,
    logicalNamesMustHaveThePublisherPrefix, namesMustBeUniqueInTheWorkspace, ruleNamesMustBeUnique
} from './names.js';
import {
    actionsOnlyOnExecutionPolicies, comparisonsMustFitTheField, policiesMustBeComplete, rulesMustHaveConditions, setValuesMustFitTheField
} from './policies.js';
import {
    atMostOneActiveInstancePerDefinition, definitionsHaveOneDataverseReference, instancesMustBindEveryConnectionReference,
    instancesMustComeFromActiveDefinitions, instancesMustGiveRequiredParameters, logicDefinitionsMustBeComplete,
    parameterValuesMustMatchTheirType, stepProviderActionsMustBeUsable
} from './providers.js';
import { settingsMustBeGivenOnce } from './syntax.js';

const factsProviders = new WeakMap<LangiumSharedCoreServices, IomWorkspaceFactsProvider>();

/** The cached workspace facts of a set of shared services. */
export function factsFor(shared: LangiumSharedCoreServices): IomWorkspaceFactsProvider {
    let provider = factsProviders.get(shared);
    if (!provider) factsProviders.set(shared, provider = new IomWorkspaceFactsProvider(shared));
    return provider;
}

/**
 * Registers every check of the language, grouped by topic. All checks are in the `fast` category, so they run on
 * every edit in the editor (Langium's update builds run only `built-in` and `fast`); workspace-wide facts are
 * computed once per workspace state (see facts.ts), which keeps each check cheap.
 */
export function registerValidationChecks(services: IomServices): void {
    const registry = services.validation.ValidationRegistry;
    const c = new CheckContext(services, factsFor(services.shared));
    const checks: ValidationChecks<IomAstType> = {
        AstNode: [settingsMustBeGivenOnce(c), namesMustBeUniqueInTheWorkspace(c)],
        Connection: [connectionUrlsMustBeWellFormed(c), connectionsShouldBeUsed(c)],
        Platform: [platformMustBindEveryReference(c), referencesMustBeBoundOnce(c)],
        PlatformBinding: [bindingsMustMatchTheConnector(c)],
        ConnectionBinding: [bindingsMustMatchTheConnector(c)],
        ProviderDefinition: [definitionMembersMustBeUnique(c), logicalNamesMustHaveThePublisherPrefix(c), definitionsMustHaveALogicalName(c),
            definitionsHaveOneDataverseReference(c)],
        TransformationDefinition: [logicalNamesMustHaveThePublisherPrefix(c), definitionsMustHaveALogicalName(c)],
        LogicDefinition: [logicalNamesMustHaveThePublisherPrefix(c), logicDefinitionsMustBeComplete(c)],
        ProviderInstance: [instancesMustBindEveryConnectionReference(c), instancesMustGiveRequiredParameters(c),
            atMostOneActiveInstancePerDefinition(c), instancesMustComeFromActiveDefinitions(c)],
        ParameterValue: [parameterValuesMustMatchTheirType(c)],
        ActionTypeInput: [allowsMustNotRepeatInputs(c)],
        Policy: [policiesMustBeComplete(c), ruleNamesMustBeUnique(c)],
        Rule: [rulesMustHaveConditions(c)],
        Comparison: [comparisonsMustFitTheField(c)],
        SetValue: [actionsOnlyOnExecutionPolicies(c), setValuesMustFitTheField(c)],
        Entity: [entityMembersMustBeUnique(c)],
        Journey: [journeysMustHaveASupportedOrchestrationType(c), journeyElementNamesMustBeUnique(c), entryStepsMustListenToIntakeEvents(c),
            publishedJourneysMustNotCompete(c), newOrderJourneysNeedAnIntakeProvider(c)],
        Step: [stepsMustHaveAnActionType(c), inputEventsMustBeAllowedAndRaised(c), stepPoliciesMustFitTheirSlot(c),
            stepProviderActionsMustBeUsable(c), tilesMustHaveWhatTheyNeed(c)],
        ConditionElement: [conditionsMustHaveYesAndNo(c), onlyMergeElementsAreFollowed(c)],
        Splitter: [splittersMustHaveDistinctFilteredBranches(c), onlyMergeElementsAreFollowed(c)]
    };
    registry.register(checks, undefined, 'fast');
    revalidateOnWorkspaceChanges(services.shared);
}

const watched = new WeakSet<LangiumSharedCoreServices>();

/**
 * Many checks read workspace-wide facts (an `allow` in one file fixes a step in another), so any change
 * re-validates every user document (validation only: documents are not re-parsed or re-linked). A change of an
 * iomconfig.json drops the cached configuration first, so the new levels apply without restarting.
 */
function revalidateOnWorkspaceChanges(shared: LangiumSharedServices): void {
    if (watched.has(shared)) return;
    watched.add(shared);
    const builder = shared.workspace.DocumentBuilder;
    builder.onUpdate(() => {
        for (const document of shared.workspace.LangiumDocuments.all) {
            if (!isBuiltinDocument(document) && document.state >= DocumentState.IndexedReferences) {
                builder.resetToState(document, DocumentState.IndexedReferences);
            }
        }
    });
    const config = configServiceFor(shared);
    shared.lsp.DocumentUpdateHandler?.onWatchedFilesChange(params => {
        if (params.changes.some(change => config.isConfigFile(URI.parse(change.uri)))) config.invalidate();
    });
}
