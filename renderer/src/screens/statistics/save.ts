/**
 * Saving a file the core produced: in the desktop app through the native save dialog (the core writes
 * the file to the chosen path); in the harness as a browser download of the returned bytes.
 */

export interface SaveRequest {
  title: string;
  defaultName: string;
  filters: { name: string; extensions: string[] }[];
  /**
   * Calls the core: with `out` it writes there, without it returns the bytes (base64). A path from the save
   * dialog has been confirmed there if it exists, so the call passes `overwrite: true` with it.
   */
  produce(out?: string): Promise<{ base64?: string; fileName?: string }>;
  mimeType: string;
}

/** Returns the path or file name written, or null when the user cancelled. */
export async function saveFile(request: SaveRequest): Promise<string | null> {
  const shell = window.desk?.shell;
  if (shell) {
    const target = await shell.chooseSavePath({ title: request.title, defaultName: request.defaultName, filters: request.filters });
    if (!target) return null;
    await request.produce(target);
    return target;
  }
  const result = await request.produce();
  if (!result.base64) return null;
  const bytes = Uint8Array.from(atob(result.base64), (ch) => ch.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: request.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = result.fileName ?? request.defaultName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return link.download;
}
