import { DeskError } from '../../electron/core/errors';

/** The DeskError a call is expected to fail with (anything else, or success, fails the test). */
export async function rejection(promise: Promise<unknown>): Promise<DeskError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DeskError) return error;
    throw error;
  }
  throw new Error('expected a DeskError, but the call succeeded');
}
