/** Makes arbitrary text safe inside a `/** … *\/` comment on one line. */
export function commentText(text: string): string {
  return text.replace(/\*\//g, '*\\/').replace(/[\r\n\u2028\u2029]+/g, ' ');
}
