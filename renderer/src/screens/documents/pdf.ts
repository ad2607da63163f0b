/** PDF bytes from a handler (base64) as something the screen can show, download or print. */

export function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function blobUrl(base64: string, mimeType = 'application/pdf'): string {
  return URL.createObjectURL(new Blob([bytesOf(base64)], { type: mimeType }));
}

/** The browser's download of bytes (the harness, where there is no native save dialog). */
export function download(base64: string, fileName: string, mimeType: string): void {
  const url = blobUrl(base64, mimeType);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Print a PDF: load it in a hidden frame and open the print dialog of the PDF viewer there. */
export function printPdf(base64: string): void {
  const url = blobUrl(base64);
  const frame = document.createElement('iframe');
  frame.style.position = 'fixed';
  frame.style.width = '0';
  frame.style.height = '0';
  frame.style.border = '0';
  frame.src = url;
  frame.onload = () => {
    setTimeout(() => {
      try {
        frame.contentWindow?.focus();
        frame.contentWindow?.print();
      } catch {
        window.open(url, '_blank');
      }
    }, 300);
    setTimeout(() => {
      frame.remove();
      URL.revokeObjectURL(url);
    }, 120_000);
  };
  document.body.appendChild(frame);
}
