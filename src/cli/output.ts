/** How a command talks: a human text by default, exactly one JSON object with --json. */
export interface Output {
  readonly json: boolean;
  result(object: Record<string, unknown>, human: string): void;
}

export function createOutput(json: boolean): Output {
  return {
    json,
    result(object, human) {
      process.stdout.write(json ? `${JSON.stringify(object)}\n` : `${human}\n`);
    },
  };
}

/** A mistake in how a command was called: printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
