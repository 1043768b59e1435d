/**
 * The presentation layer: every sentence a user reads, in text (terminal), Markdown (pull
 * requests, job summaries) and JSON. Pure: the core emits codes and parameters, this makes words.
 */
export { PLAIN_STYLE, type TextStyle } from './style.js';
export { summaryLine } from './summary-line.js';
export { renderText } from './plan-text.js';
export { renderMarkdown } from './plan-markdown.js';
export { renderJson } from './plan-json.js';
export { stepReason } from './step-reason.js';
export { manualInstruction, manualWhy } from './manual-cause.js';
export { diagnosticLine, diagnosticMarkdown, diagnosticText } from './diagnostic.js';
export { errorKind, errorLines, type ErrorAudience, type ErrorKind } from './error.js';
export { forcedExitNotice, interruptedBeforeWrites, interruptedResume, interruptNotice, planInterrupted } from './interrupt.js';
export { statusMarkdown, statusState, statusTable, type StatusRow } from './status-table.js';
export { applyCountsLine, applyFailureText, applyResultMarkdown, applyResultText, RESUME_HINT } from './apply-result.js';
