/**
 * The handler table: the whole API of the core. Each domain contributes its own handlers; the doors
 * (IPC, the loopback harness, the command line, tests) only ever call entries of this table.
 */

import { backupHandlers } from './backups/handlers';
import { batchHandlers } from './batches/handlers';
import { hasReported } from './batches/log';
import { caseHandlers } from './cases/handlers';
import { centreHandlers } from './centre/handlers';
import type { Desk } from './desk';
import { documentHandlers } from './documents/handlers';
import { type CallContext, callHandler, type HandlerInput, type HandlerResult } from './handler';
import { operatorHandlers } from './operators/handlers';
import { setUpOffice } from './operators/office';
import { closingGap } from './oversight/dossier';
import { oversightHandlers } from './oversight/handlers';
import { registerOf } from './register';
import { requestHandlers } from './requests/handlers';
import { settingsHandlers } from './settings/handlers';

export const handlers = {
  ...settingsHandlers({ setUpOffice, hasReported }),
  ...operatorHandlers,
  ...caseHandlers({ closingGap }, { list: (desk, query) => registerOf(desk).listCases(query) }),
  ...backupHandlers,
  ...batchHandlers,
  ...centreHandlers,
  ...oversightHandlers,
  ...documentHandlers,
  ...requestHandlers,
};

export type Api = typeof handlers;
export type ApiName = keyof Api;
export type ApiInput<N extends ApiName> = HandlerInput<Api[N]>;
export type ApiResult<N extends ApiName> = HandlerResult<Api[N]>;

/** Typed call into the table: what tests, benchmarks and the command line use. */
export function call<N extends ApiName>(desk: Desk, name: N, input: ApiInput<N>, context?: CallContext): Promise<ApiResult<N>> {
  return callHandler(handlers, desk, name, input, context) as Promise<ApiResult<N>>;
}
