/** The path of a Chromium for the browser tests, or `undefined` when none is installed. */
export function findChromium(): string | undefined;
/** Launch flags for headless Chromium on an offline machine, as root. */
export const CHROMIUM_ARGS: string[];
