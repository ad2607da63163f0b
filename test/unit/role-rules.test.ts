/**
 * The role rule is written once (ALLOW in electron/core/schema/operators.ts): the handler table declares
 * it and the workbench asks the same sets to hide what a role would only be refused (设置 → 备份与恢复,
 * 统一受理). If a handler's roles change, the screen follows, or this fails.
 */

import { describe, expect, it } from 'vitest';

import { handlers } from '../../electron/core/api';
import { OPERATOR_ROLES } from '../../electron/core/schema/codes';
import { ALLOW, allows } from '../../electron/core/schema/operators';

describe('role rules shared by the handlers and the screens', () => {
  it('allows exactly the roles of a set, and nobody when nobody is signed in', () => {
    for (const role of OPERATOR_ROLES.codes) {
      expect(allows(ALLOW.admin, role)).toBe(role === 'admin');
      expect(allows(ALLOW.frontDesk, role)).toBe(role === 'admin' || role === 'clerk');
    }
    expect(allows(ALLOW.admin, undefined)).toBe(false);
  });

  it('the screens hide what these handlers refuse with the very sets they declare', () => {
    // 设置 → 备份与恢复 shows the archive cards and 恢复到此备份 only where allows(ALLOW.admin) holds
    for (const name of ['backups.export', 'backups.inspect', 'backups.import', 'backups.restore'] as const) {
      expect(handlers[name].access, name).toBe(ALLOW.admin);
    }
    // and 立即备份 stays everyone's
    expect(handlers['backups.create'].access).toBe('signed-in');
  });
});
