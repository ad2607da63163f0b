/** A file that failed validation on read; the store turns it into STORE_CORRUPT naming the newest good backup. */
export class CorruptFile extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'CorruptFile';
  }
}

/**
 * A data file that appeared where the store had found none when it read that place (copied in by hand
 * while the program ran, from another PC or a backup): a save that would write there is refused, so
 * that the file is never written over unread; the next open reads it.
 */
export function appearedUnread(file: string): CorruptFile {
  return new CorruptFile(file, '读取数据时这里没有这个文件，它是之后才出现的（可能是手工复制进来的）；为免覆盖它，本次没有保存');
}
