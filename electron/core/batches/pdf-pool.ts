import type { Desk } from '../desk';
import type { DocumentRenderer } from './documents';

export function batchDocumentRenderer(_desk: Desk): DocumentRenderer | undefined {
  return undefined;
}
