/**
 * The presentation layer: every sentence a user reads, in text (terminal), Markdown (pull
 * requests, job summaries) and JSON. Pure: the core emits codes and parameters, this makes words.
 */
export { PLAIN_STYLE, type TextStyle } from './style.js';
export { summaryLine } from './summary-line.js';
export { renderText } from './plan-text.js';
export { renderMarkdown, schemaDiffNote, forkDiffNote, type MarkdownOptions } from './plan-markdown.js';
export { renderJson } from './plan-json.js';
export { stepReason } from './step-reason.js';
export { manualInstruction, manualWhy } from './manual-cause.js';
export { diagnosticLine, diagnosticMarkdown, diagnosticText } from './diagnostic.js';
export { errorKind, errorLines, type ErrorAudience, type ErrorKind } from './error.js';
export { forcedExitNotice, interruptedBeforeWrites, interruptedResume, interruptNotice, planInterrupted } from './interrupt.js';
export { statusMarkdown, statusState, statusTable, type StatusRow } from './status-table.js';
export { applyCountsLine, applyFailureText, applyResultMarkdown, applyResultText, RESUME_HINT } from './apply-result.js';
export { graphOfDesired, graphOfPlan, type SchemaGraph, type GraphEntity, type GraphEdge, type GraphMark } from './schema-graph.js';
export { renderMermaid } from './graph-mermaid.js';
export { renderDot } from './graph-dot.js';
export { groupPlan, type PlanGroup, type GroupEntry, type GroupAction } from './plan-groups.js';
