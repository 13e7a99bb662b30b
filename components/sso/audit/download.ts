/**
 * Saves `text` as a file through a Blob URL and a temporary <a download>.
 * CSV gets a byte-order mark so Excel reads it as UTF-8.
 */
export function downloadText(filename: string, text: string, type = "text/csv;charset=utf-8"): void {
  const bom = type.startsWith("text/csv") ? "\uFEFF" : "";
  const url = URL.createObjectURL(new Blob([bom, text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
