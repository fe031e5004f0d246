export function fingerprint(root: string, inputs: readonly string[]): string;
export function buildIfChanged(options: { root: string; inputs: readonly string[]; output: string; stampFile: string; build: () => void }): boolean;
