/**
 * A small typology of errors, as graphology does: every message is prefixed by
 * the module that raised it, and the CLI and the page show `message` as is.
 */
export class KgError extends Error {
  constructor(
    readonly module: string,
    message: string,
  ) {
    super(`${module}: ${message}`);
    this.name = new.target.name;
  }
}

/** Input the user gave us is wrong (bad file, bad encoding, bad option). */
export class InputError extends KgError {}

/** A graph file is malformed, of another type or of another version. */
export class FormatError extends KgError {}

/** A user correction or command names something that does not exist. */
export class NotFoundError extends KgError {}
