import { URI } from 'langium';
import type { IomSharedServices } from '../iom-module.js';
import { IomDocumentBuilder } from '../validation/revalidation.js';

/**
 * A change of an iomconfig.json drops the cached configuration and has every document validated again after the
 * update it causes, so the new levels apply without restarting. (Edits of `.iom` files re-validate other documents
 * only when facts they read changed: see revalidation.ts.) Only a language server watches files.
 */
export class IomConfigWatcher {
    private started = false;

    constructor(private readonly shared: IomSharedServices) {}

    /** Subscribes to the client's watched-file notifications (once; `createIomServices` calls it). */
    start(): void {
        if (this.started) return;
        this.started = true;
        const config = this.shared.workspace.ConfigService;
        this.shared.lsp.DocumentUpdateHandler?.onWatchedFilesChange(params => {
            if (!params.changes.some(change => config.isConfigFile(URI.parse(change.uri)))) return;
            config.invalidate();
            const builder = this.shared.workspace.DocumentBuilder;
            if (builder instanceof IomDocumentBuilder) builder.revalidateAll();
        });
    }
}
