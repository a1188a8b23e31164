import type { Browser } from 'playwright-core';

export declare const chromiumArgs: string[];
export declare function requireE2e(name: string, e2eFolder?: string): unknown;
export declare function launchChromium(e2eFolder?: string): Promise<Browser>;
export declare function e2eFolderOf(root: string): string;
