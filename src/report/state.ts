// What the main step saves for its post step (GITHUB_STATE): names only, never a secret.

/** Saved by the main step: the post step runs the same bundle, and tells itself apart by this. */
export const POST_STATE = 'post';
/** The names of the pipelines whose `/start` Feldera accepted, as a JSON array. */
export const STARTED_STATE = 'started';
