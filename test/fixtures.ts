// Feldera payloads shared by the tests and the demo, in openapi.json's shapes.

/** A `PipelineDiff` with nothing in it but `changes`. */
export function pipelineDiff(changes: { program?: Record<string, string[]>; connectors?: Record<string, string[]> } = {}) {
  return {
    program_diff: {
      added_tables: [],
      removed_tables: [],
      modified_tables: [],
      added_views: [],
      removed_views: [],
      modified_views: [],
      ...changes.program,
    },
    program_diff_error: null,
    added_input_connectors: [],
    modified_input_connectors: [],
    removed_input_connectors: [],
    added_output_connectors: [],
    modified_output_connectors: [],
    removed_output_connectors: [],
    ...changes.connectors,
  };
}

/** A table added, two views modified, an output connector added. */
export const APPROVAL_DIFF = pipelineDiff({
  program: { added_tables: ['refunds'], modified_views: ['daily_totals', 'top_customers'] },
  connectors: { added_output_connectors: ['refunds_sink'] },
});

/** The SQL compiler's message of Feldera's own example (API.md 3). */
export const SQL_ERROR = {
  start_line_number: 2,
  start_column: 4,
  end_line_number: 2,
  end_column: 8,
  warning: false,
  error_type: 'PRIMARY KEY cannot be nullable',
  message: "PRIMARY KEY column 'C' has type INTEGER, which is nullable",
  snippet: '    2|   c INT PRIMARY KEY\n         ^^^^^\n    3|);\n',
};
