/** Excel reads UTF-8 CSV as such only with a byte-order mark; Turkish letters depend on it. */
const BOM = '\uFEFF';

export function csvBlob(csv: string): Blob {
  return new Blob([csv.startsWith(BOM) ? csv : BOM + csv], { type: 'text/csv;charset=utf-8' });
}

/** A name the file system accepts: no path separators or control characters, never empty. */
export function safeFileName(name: string, fallback = 'rapor.csv'): string {
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim();
  return cleaned === '' || /^\.+$/.test(cleaned) ? fallback : cleaned;
}

/**
 * Saves text as a file through a blob: URL and an `<a download>` click. A download is not a
 * fetch, so the page's CSP (connect-src etc.) does not need blob: for it.
 */
export function downloadCsv(fileName: string, csv: string, doc: Document = document): void {
  const url = URL.createObjectURL(csvBlob(csv));
  const a = doc.createElement('a');
  a.href = url;
  a.download = safeFileName(fileName);
  a.rel = 'noopener';
  a.hidden = true;
  doc.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    // Revoked after the click has been handed to the download manager.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
