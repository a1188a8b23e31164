/**
 * The files `iom init` writes: a small workspace that validates clean and builds. It follows the seed scenario of
 * the domain reference (9.1): platform connections, the distributed order management provider from the catalog,
 * and a published journey that sends every new order to it.
 */
export const workspaceTemplate: Record<string, string> = {
    'iomconfig.json': `{
  "build": {
    "out": "out"
  }
}
`,
    '.gitignore': `# Build output of \`iom build\`
out/
`,
    'connections.iom': `// The Power Automate connections of the environment, referenced by their connection URL (never by credentials),
// and the platform connection references bound to them. Replace the URLs with your own connection pages.

connection IomDataTransformer {
    connector "IOM Data Transformer"
    url "https://make.powerautomate.com/environments/Default-00000000-0000-0000-0000-000000000000/connections?apiName=shared_iomdatatransformer&connectionName=00000000000000000000000000000001"
}

/** One Dataverse connection can back all three platform Dataverse references. */
connection Dataverse {
    connector "Microsoft Dataverse"
    url "https://make.powerautomate.com/environments/Default-00000000-0000-0000-0000-000000000000/connections?apiName=shared_commondataserviceforapps&connectionName=00000000000000000000000000000002"
}

connection PowerAutomateManagement {
    connector "Power Automate Management"
    url "https://make.powerautomate.com/environments/Default-00000000-0000-0000-0000-000000000000/connections?apiName=shared_flowmanagement&connectionName=00000000000000000000000000000003"
}

platform {
    bind "IOM Data Transformer" to IomDataTransformer
    bind "Microsoft Dataverse" to Dataverse
    bind "Microsoft Dataverse - Application" to Dataverse
    bind "Microsoft Dataverse - Integration" to Dataverse
    bind "Power Automate Management" to PowerAutomateManagement
    activated
}
`,
    'providers.iom': `// Providers added from the catalog, bound to connections and activated.

/** Distributed order management; its provider action "Send Order to Retail DOM" is created on activation. */
provider DOM from "Dynamics 365 Distributed Order Management" {
    bind "Dynamics 365 Distributed Order Management Dataverse (current environment) Connection" to Dataverse
    activated
}
`,
    'action-types.iom': `// "Fulfillment Determination" accepts "New Order" as an input (an IOM Action Type Input Business Event row).
allow "New Order" as input of "Fulfillment Determination"
`,
    'journeys.iom': `// The orchestration journey. Build it with \`iom build\`; the artifacts land in out/.

/** Sends every new order to distributed order management. */
journey "Order orchestration" {
    orchestration type "Order orchestration"
    description "Sends new orders to Dynamics 365 Distributed Order Management."
    published

    step "Send to DOM" : "Send to DOM" {
        action type "Fulfillment Determination"
        input events "New Order"
        provider DOM action "Send Order to Retail DOM"
        output events "Send Order to Fulfillment Determination"
    }
}
`
};
