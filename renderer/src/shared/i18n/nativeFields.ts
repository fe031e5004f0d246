// Chromium's own date fields (date, month, time, datetime-local) lay out their parts once, when
// the input's type is set, in the language around the input then: dd.mm.yyyy under lang="tr",
// mm/dd/yyyy under "en" (with the LangAttributeAwareFormControlUI feature the Electron shell
// turns on; issue 18). React sets the type while the input is not yet in the page, so every field
// would come out in the browser's own language, and none would follow a switch of the desk's.
// Setting the type again once the field is in the page lays it out in the page's language.

const LAID_OUT_TYPES = new Set(['date', 'month', 'week', 'time', 'datetime-local']);

function isDateField(node: Node): node is HTMLInputElement {
  return node instanceof HTMLInputElement && LAID_OUT_TYPES.has(node.type);
}

/** Lays one field out again, keeping what it holds. */
function relayout(input: HTMLInputElement): void {
  const { type, value } = input;
  input.type = 'text';
  input.type = type;
  if (input.value !== value) input.value = value;
}

/** Every date field under `root` (itself included), laid out again in the page's language now. */
export function relayoutDateFields(root: ParentNode | Node): void {
  if (isDateField(root)) relayout(root);
  if ('querySelectorAll' in root) root.querySelectorAll('input').forEach((input) => isDateField(input) && relayout(input));
}

/** From now on, each date field the page gains is laid out in the page's language. */
export function followPageLanguage(doc: Document): () => void {
  const observer = new MutationObserver((records) => {
    for (const record of records) record.addedNodes.forEach((node) => relayoutDateFields(node));
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  return () => observer.disconnect();
}
