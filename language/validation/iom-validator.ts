import type { ValidationChecks } from 'langium';
import type { IomAstType } from '../generated/ast.js';
import type { IomServices } from '../iom-module.js';
import {
    allowsMustNotRepeatInputs,
    entryStepsMustListenToIntakeEvents,
    inputEventsMustBeAllowedAndRaised,
    stepsMustHaveAnActionType
} from './action-types.js';
import { CheckContext } from './check-context.js';
import {
    bindingsMustMatchTheConnector,
    connectionsShouldBeUsed,
    connectionUrlsMustBeWellFormed,
    platformMustBindEveryReference,
    referencesMustBeBoundOnce
} from './connections.js';
import { customEntitiesMustBeRegistered } from './entities.js';
import {
    conditionsMustHaveYesAndNo,
    journeysMustHaveASupportedOrchestrationType,
    newOrderJourneysNeedAnIntakeProvider,
    onlyMergeElementsAreFollowed,
    publishedJourneysMustNotCompete,
    splittersMustHaveDistinctFilteredBranches,
    stepPoliciesMustFitTheirSlot,
    tilesMustHaveWhatTheyNeed
} from './journeys.js';
import {
    definitionMembersMustBeUnique,
    definitionsMustHaveALogicalName,
    entityMembersMustBeUnique,
    journeyElementNamesMustBeUnique,
    logicalNamesMustHaveThePublisherPrefix,
    namesMustBeUniqueInTheWorkspace,
    ruleNamesMustBeUnique
} from './names.js';
import {
    actionsOnlyOnExecutionPolicies,
    comparisonsMustFitTheField,
    policiesMustBeComplete,
    rulesMustHaveConditions,
    setValuesMustFitTheField
} from './policies.js';
import {
    atMostOneActiveInstancePerDefinition,
    definitionsHaveOneDataverseReference,
    instancesMustBindEveryConnectionReference,
    instancesMustComeFromActiveDefinitions,
    instancesMustGiveRequiredParameters,
    logicDefinitionsMustBeComplete,
    parameterValuesMustMatchTheirType,
    stepProviderActionsMustBeUsable,
    transformationObjectPairsMustBeUnique,
    transformationsMustSayHowTheyAreCalled
} from './providers.js';
import { settingsMustBeGivenOnce } from './syntax.js';
import { testsMustBeRunnable } from './tests.js';
import { extensionMembersMustBeNew, stateReasonsMustBeUnique, statesMustBeReachable, transitionsMustFitTheirEvent } from './states.js';
import { namesMustBeSafe, secretsMustNotBeWritten } from './literals.js';
import { emailTemplatesMustBeComplete, emailTemplatesMustFitTheAction } from './email-templates.js';
import { emailPlaceholdersMustBeUnique } from './names.js';
import { idMappingsMustBeUsable } from './mappings.js';
import {
    connectionSettingsMustFit,
    environmentSettingsMustFit,
    logoFilesMustExist,
    pausedJourneysNeedTheirSettings,
    policyVersionsMustBeNumbers,
    sampleDataFilesMustBeJson
} from './settings.js';

/**
 * Registers every check of the language, grouped by topic. All checks are in the `fast` category, so they run on
 * every edit in the editor (Langium's update builds run only `built-in` and `fast`); workspace-wide facts are
 * merged once per build from per-document contributions (see facts.ts), which keeps each check cheap, and documents
 * whose cross-file facts changed are validated again after an edit (see revalidation.ts).
 */
export function registerValidationChecks(services: IomServices): void {
    const registry = services.validation.ValidationRegistry;
    const c = new CheckContext(services);
    const checks: ValidationChecks<IomAstType> = {
        AstNode: [settingsMustBeGivenOnce(c), namesMustBeUniqueInTheWorkspace(c)],
        Model: [secretsMustNotBeWritten(c), namesMustBeSafe(c)],
        Connection: [connectionUrlsMustBeWellFormed(c), connectionsShouldBeUsed(c), connectionSettingsMustFit(c)],
        Platform: [platformMustBindEveryReference(c), referencesMustBeBoundOnce(c), environmentSettingsMustFit(c)],
        PlatformBinding: [bindingsMustMatchTheConnector(c)],
        ConnectionBinding: [bindingsMustMatchTheConnector(c)],
        ProviderDefinition: [
            definitionMembersMustBeUnique(c),
            logicalNamesMustHaveThePublisherPrefix(c),
            definitionsMustHaveALogicalName(c),
            definitionsHaveOneDataverseReference(c),
            transformationObjectPairsMustBeUnique(c),
            logoFilesMustExist(c)
        ],
        TransformationDefinition: [
            logicalNamesMustHaveThePublisherPrefix(c),
            definitionsMustHaveALogicalName(c),
            transformationsMustSayHowTheyAreCalled(c),
            sampleDataFilesMustBeJson(c)
        ],
        LogicDefinition: [logicalNamesMustHaveThePublisherPrefix(c), logicDefinitionsMustBeComplete(c)],
        ProviderInstance: [
            instancesMustBindEveryConnectionReference(c),
            instancesMustGiveRequiredParameters(c),
            atMostOneActiveInstancePerDefinition(c),
            instancesMustComeFromActiveDefinitions(c)
        ],
        ParameterValue: [parameterValuesMustMatchTheirType(c)],
        ActionTypeInput: [allowsMustNotRepeatInputs(c)],
        Policy: [policiesMustBeComplete(c), ruleNamesMustBeUnique(c), policyVersionsMustBeNumbers(c)],
        Rule: [rulesMustHaveConditions(c)],
        Comparison: [comparisonsMustFitTheField(c)],
        SetValue: [actionsOnlyOnExecutionPolicies(c), setValuesMustFitTheField(c)],
        Entity: [entityMembersMustBeUnique(c), customEntitiesMustBeRegistered(c)],
        EntityExtension: [extensionMembersMustBeNew(c)],
        StateDefinition: [statesMustBeReachable(c), stateReasonsMustBeUnique(c)],
        StateTransition: [transitionsMustFitTheirEvent(c)],
        Journey: [
            journeysMustHaveASupportedOrchestrationType(c),
            journeyElementNamesMustBeUnique(c),
            entryStepsMustListenToIntakeEvents(c),
            publishedJourneysMustNotCompete(c),
            newOrderJourneysNeedAnIntakeProvider(c),
            pausedJourneysNeedTheirSettings(c)
        ],
        Step: [
            stepsMustHaveAnActionType(c),
            inputEventsMustBeAllowedAndRaised(c),
            stepPoliciesMustFitTheirSlot(c),
            stepProviderActionsMustBeUsable(c),
            tilesMustHaveWhatTheyNeed(c),
            emailTemplatesMustFitTheAction(c)
        ],
        EmailTemplate: [emailTemplatesMustBeComplete(c), emailPlaceholdersMustBeUnique(c)],
        ConditionElement: [conditionsMustHaveYesAndNo(c), onlyMergeElementsAreFollowed(c)],
        Splitter: [splittersMustHaveDistinctFilteredBranches(c), onlyMergeElementsAreFollowed(c)],
        Test: [testsMustBeRunnable(c)],
        IdMappings: [idMappingsMustBeUsable(c)],
        ParameterDefinition: [logicalNamesMustHaveThePublisherPrefix(c)]
    };
    registry.register(checks, undefined, 'fast');
}
