/**
 * The journey graph webview's page: a strict content security policy (no network, scripts only by nonce, styles by
 * nonce, images only from data: URLs for the PNG export), the graph stylesheet mapped onto VS Code's theme colours,
 * the toolbar, and the bundled script. Shared by the extension (client/graph-panel.ts) and the browser tests.
 */
import { GRAPH_STYLE } from '../../language/graph/svg.js';

/** The graph's colours from VS Code's theme variables (light, dark and high contrast themes set them). */
const THEME_STYLE = `
body {
  --iom-bg: var(--vscode-editor-background, #ffffff);
  --iom-fg: var(--vscode-editor-foreground, #1f1f1f);
  --iom-muted: var(--vscode-descriptionForeground, #616161);
  --iom-node-bg: var(--vscode-editorWidget-background, #ffffff);
  --iom-node-border: var(--vscode-editorWidget-border, #8a8886);
  --iom-accent: var(--vscode-textLink-foreground, #0f6cbd);
  --iom-icon: var(--vscode-textLink-foreground, #0f6cbd);
  --iom-control: var(--vscode-charts-purple, #8764b8);
  --iom-event-bg: var(--vscode-textBlockQuote-background, #e8f3fc);
  --iom-event-border: var(--vscode-textLink-foreground, #0f6cbd);
  --iom-provider: var(--vscode-charts-green, #0e7a0d);
  --iom-filter: var(--vscode-charts-orange, #b35c00);
  --iom-execution: var(--vscode-charts-purple, #8764b8);
  --iom-edge: var(--vscode-editorLineNumber-foreground, #8a8886);
  --iom-label-bg: var(--vscode-editor-background, #f5f5f5);
  --iom-error: var(--vscode-editorError-foreground, #c50f1f);
  --iom-warning: var(--vscode-editorWarning-foreground, #bc4b09);
  --iom-visited: var(--vscode-testing-iconPassed, #107c10);
  --iom-focus: var(--vscode-focusBorder, #0f6cbd);
  --iom-font: var(--vscode-font-family, system-ui, sans-serif);
  margin: 0; padding: 0; overflow: hidden; height: 100vh; display: flex; flex-direction: column;
  background: var(--iom-bg); color: var(--iom-fg); font-family: var(--iom-font); font-size: var(--vscode-font-size, 13px);
}
body.vscode-high-contrast, body.vscode-high-contrast-light {
  --iom-node-border: var(--vscode-contrastBorder, #ffffff);
  --iom-edge: var(--vscode-contrastBorder, #ffffff);
  --iom-focus: var(--vscode-contrastActiveBorder, #f38518);
}
body.vscode-high-contrast .iom-graph .node .box { stroke-width: 2; }
#toolbar { display: flex; gap: 4px; align-items: center; padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border, #e0e0e0); flex-wrap: wrap; }
#toolbar button, #toolbar select {
  font: inherit; color: var(--vscode-button-secondaryForeground, var(--iom-fg)); background: var(--vscode-button-secondaryBackground, #e5e5e5);
  border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; padding: 2px 8px; cursor: pointer;
}
#toolbar select { background: var(--vscode-dropdown-background, #ffffff); color: var(--vscode-dropdown-foreground, var(--iom-fg)); border-color: var(--vscode-dropdown-border, #cecece); max-width: 260px; }
#toolbar button:focus-visible, #toolbar select:focus-visible { outline: 1px solid var(--iom-focus); outline-offset: 1px; }
#toolbar .sep { width: 1px; height: 18px; background: var(--vscode-panel-border, #e0e0e0); margin: 0 4px; }
body[data-view="journey"] #view-journey, body[data-view="events"] #view-events { outline: 1px solid var(--iom-focus); }
body[data-view="events"] #journey { display: none; }
#info { margin-left: auto; color: var(--iom-muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
#banner { padding: 4px 8px; background: var(--vscode-inputValidation-warningBackground, #fff4ce); color: var(--iom-fg);
  border-bottom: 1px solid var(--vscode-inputValidation-warningBorder, #bc4b09); }
#canvas { position: relative; flex: 1; overflow: hidden; cursor: grab; }
#canvas.panning { cursor: grabbing; }
#canvas > svg { width: 100%; height: 100%; display: block; }
#tooltip { position: absolute; max-width: 360px; padding: 6px 8px; pointer-events: none; z-index: 2;
  background: var(--vscode-editorHoverWidget-background, #f8f8f8); color: var(--vscode-editorHoverWidget-foreground, var(--iom-fg));
  border: 1px solid var(--vscode-editorHoverWidget-border, #c8c8c8); border-radius: 3px; font-size: 12px; line-height: 1.45; }
#tooltip .tip-title { font-weight: 600; }
#tooltip .tip-error { color: var(--iom-error); }
#tooltip .tip-warning { color: var(--iom-warning); }
.iom-graph .node { cursor: pointer; }
.iom-graph .node:focus { outline: none; }
.iom-graph .node:focus .box, .iom-graph .node.selected .box { stroke: var(--iom-focus); stroke-width: 2.5; }
.iom-graph .node.cursor .box { stroke: var(--iom-focus); stroke-width: 2.5; stroke-dasharray: 6 3; }
.iom-graph .edge { cursor: pointer; }
.iom-graph .edge.selected path:not(.hit) { stroke: var(--iom-focus); stroke-width: 2.5; }
`;

export interface GraphHtmlOptions {
    /** The bundled webview script (out/webview/graph-view.js) as the webview may load it. */
    scriptUri: string;
    /** The webview's own resource origin (`webview.cspSource`). */
    cspSource: string;
    /** A fresh random nonce for each page. */
    nonce: string;
    title: string;
}

export function graphHtml(options: GraphHtmlOptions): string {
    const csp = [
        "default-src 'none'",
        `img-src ${options.cspSource} data:`,
        `style-src 'nonce-${options.nonce}'`,
        `script-src 'nonce-${options.nonce}'`,
        "font-src 'none'",
        "connect-src 'none'"
    ].join('; ');
    const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(options.title)}</title>
<style nonce="${options.nonce}">
${GRAPH_STYLE}
${THEME_STYLE}
</style>
</head>
<body data-view="journey">
<div id="toolbar" role="toolbar" aria-label="Graph">
  <button id="view-journey" title="The journey's steps and branches">Journey</button>
  <button id="view-events" title="Which steps and provider actions raise and consume each business event, across journeys">Event flow</button>
  <select id="journey" aria-label="Journey"></select>
  <span class="sep"></span>
  <button id="zoom-out" title="Zoom out (-)" aria-label="Zoom out">−</button>
  <button id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
  <button id="fit" title="Fit to the window (0)">Fit</button>
  <span class="sep"></span>
  <button id="export-svg" title="Save the view as SVG">SVG</button>
  <button id="export-png" title="Save the view as PNG">PNG</button>
  <span id="info" aria-live="polite"></span>
</div>
<div id="banner" role="status" hidden></div>
<div id="canvas"><div id="tooltip" role="tooltip" hidden></div></div>
<script nonce="${options.nonce}" src="${esc(options.scriptUri)}"></script>
</body>
</html>
`;
}
