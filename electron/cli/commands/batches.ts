/**
 * Batches on the command line:
 *   keys show | keys export --out FILE [--force] | keys import-centre FILE [--replace --reason R] | keys history
 *   recode --code NEW --reason R                 (station: change its own code, deliberately and logged)
 *   export --out DIR|FILE [--pending | --all | --from DATE --to DATE] [--with-documents] [--seal-to CENTRE_KEY_FILE] [--force]
 *   verify FILE
 *   import FILE [--receipt-out FILE] [--force]
 *   receipt apply FILE [--trust-centre FINGERPRINT]
 *   centre trust KEYFILE | centre trust --from-batch BATCH --fingerprint FINGERPRINT | centre stations | centre recode FINGERPRINT --code NEW --reason R | centre revoke FINGERPRINT
 *   batches log
 */

import path from 'node:path';

import { SingleBar } from 'cli-progress';

import { DeskError } from '../../core/errors';
import type { CallContext } from '../../core/handler';
import type { CommandModule } from '../context';

/** A progress bar on stderr when it is a terminal; Ctrl+C cancels cleanly (no half-written file). */
function terminalProgress(): { context: CallContext; stop(): void } {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  let bar: SingleBar | undefined;
  const context: CallContext = { signal: controller.signal };
  if (process.stderr.isTTY) {
    context.progress = (done, total, label) => {
      if (!bar) {
        bar = new SingleBar(
          { stream: process.stderr, format: '{label} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: true },
          undefined,
        );
        bar.start(total, done, { label: label ?? '' });
      }
      bar.setTotal(total);
      bar.update(done, { label: label ?? '' });
    };
  }
  return {
    context,
    stop() {
      bar?.stop();
      process.removeListener('SIGINT', onInterrupt);
    },
  };
}

export const batchCommands: CommandModule = (program, cli) => {
  const keys = program.command('keys').description('本机密钥（签名批次与回执；中心的密钥也用于加密）');
  keys
    .command('show')
    .description('显示本机公钥和指纹（首次使用时生成）')
    .option('--json', '以JSON输出')
    .action(async (options: { json?: boolean }) => {
      const shown = await cli.call('keys.show', {});
      if (options.json) return cli.printJson(shown);
      process.stdout.write(
        [
          `${shown.role === 'centre' ? '中心' : '站点'}：${shown.name}（${shown.stationCode}）`,
          `指纹：${shown.fingerprint}`,
          `签名公钥（Ed25519）：${shown.signingKey}`,
          `加密公钥（X25519）：${shown.sealingKey}`,
          ...(shown.centre ? [`已登记的中心：${shown.centre.name}（指纹 ${shown.centre.fingerprint}）`] : []),
        ].join('\n') + '\n',
      );
    });
  keys
    .command('export')
    .description('导出本机公钥文件（站点交中心登记；中心交站点加密和核对回执）')
    .requiredOption('--out <FILE>', '保存到的文件')
    .option('--force', '文件已存在时覆盖')
    .action(async (options: { out: string; force?: boolean }) =>
      cli.printJson(await cli.call('keys.export', { out: options.out, overwrite: options.force ?? false })),
    );
  keys
    .command('import-centre')
    .description('站点登记中心的公钥文件（用于核对回执；首次 --seal-to 时也会自动登记）')
    .argument('<FILE>', '中心公钥文件')
    .option('--replace', '更换已登记的另一个中心的公钥（之后原中心的回执不再被接受；会记录）')
    .option('--reason <TEXT>', '更换的原因（记入身份与信任记录）')
    .action(async (file: string, options: { replace?: boolean; reason?: string }) => {
      const result = await cli.call('keys.importCentre', { file, replace: options.replace ?? false, reason: options.reason });
      cli.printJson(result);
      if (result.previous) cli.say(`已更换登记的中心公钥：原指纹 ${result.previous}，新指纹 ${result.fingerprint}（已记录）`);
    });
  keys
    .command('history')
    .description('身份与信任记录：站点代码变更、中心公钥的登记与更换、站点的登记、改码与吊销')
    .option('--json', '以JSON输出')
    .action(async (options: { json?: boolean }) => {
      const entries = await cli.call('identity.log', {});
      if (options.json) return cli.printJson(entries);
      if (entries.length === 0) return cli.say('还没有记录。');
      for (const e of entries) {
        const details = Object.entries(e.details)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join('，');
        process.stdout.write(`${e.at.slice(0, 19).replace('T', ' ')}\t${e.label}\t${e.operator}\t${details}\n`);
      }
    });

  program
    .command('recode')
    .description('站点更改本站的站点代码（已上报过批次时，设置中不能直接改）；会记录，之后请把新的公钥文件交中心确认')
    .requiredOption('--code <CODE>', '新的站点代码')
    .requiredOption('--reason <TEXT>', '更改的原因')
    .action(async (options: { code: string; reason: string }) => {
      const result = await cli.call('settings.recode', { stationCode: options.code, reason: options.reason });
      cli.printJson(result);
      cli.say(
        `站点代码已由 ${result.from} 改为 ${result.to}（已记录）。请用 keys export 导出新的公钥文件交中心，中心电话核实后用 centre recode 确认；确认前，中心会拒绝新代码的批次。`,
      );
    });

  program
    .command('export')
    .description('导出上报批次：输出 JSON 摘要（file、cases、sha256）')
    .requiredOption('--out <DIR|FILE>', '保存的文件夹，或 .zip 文件名')
    .option('--pending', '新增或修改过、尚未上报的案件（默认）')
    .option('--all', '全部案件')
    .option('--from <DATE>', '登记日期起（YYYY-MM-DD）')
    .option('--to <DATE>', '登记日期止（YYYY-MM-DD）')
    .option('--with-documents', '附调解协议书和司法确认申请书PDF（调解成功的案件）')
    .option('--seal-to <CENTRE_KEY_FILE>', '用中心公钥加密，只有该中心能打开')
    .option('--zero', '零上报：没有新增或修改的案件时，写出一个不含案件的批次，告诉中心本月无案件')
    .option('--force', '覆盖已存在的 .zip 文件；加密给登记中心以外的中心时确认')
    .action(
      async (options: {
        out: string;
        pending?: boolean;
        all?: boolean;
        from?: string;
        to?: string;
        withDocuments?: boolean;
        sealTo?: string;
        zero?: boolean;
        force?: boolean;
      }) => {
        const chosen = [options.pending, options.all, options.from !== undefined || options.to !== undefined].filter(Boolean).length;
        if (chosen > 1) throw new DeskError('VALIDATION', '--pending、--all 与 --from/--to 只能选一种');
        const selection = options.all ? 'all' : options.from !== undefined || options.to !== undefined ? 'range' : 'pending';
        const progress = terminalProgress();
        try {
          const result = await cli.call(
            'batches.export',
            {
              out: options.out,
              selection,
              from: options.from,
              to: options.to,
              withDocuments: options.withDocuments ?? false,
              zeroReport: options.zero ?? false,
              sealTo: options.sealTo,
              overwrite: options.force ?? false,
              confirmOtherCentre: options.force ?? false,
            },
            progress.context,
          );
          progress.stop();
          cli.printJson(result);
          if (result.centreKeyRecorded) cli.say(`已登记中心公钥（指纹 ${result.recipientFingerprint}），用于核对回执。`);
        } finally {
          progress.stop();
        }
      },
    );

  program
    .command('verify')
    .description('校验批次文件（签名、文件哈希、案件格式与操作记录），不导入；不通过时退出码为 5')
    .argument('<FILE>', '批次文件')
    .action(async (file: string) => {
      const progress = terminalProgress();
      try {
        const summary = await cli.call('batches.verify', { file }, progress.context);
        progress.stop();
        cli.printJson(summary);
      } finally {
        progress.stop();
      }
    });

  program
    .command('import')
    .description('中心导入批次：输出 JSON 摘要（new、updated、unchanged、skipped、rejected）')
    .argument('<FILE>', '批次文件')
    .option('--receipt-out <FILE>', '回执保存位置（默认：批次文件旁的 <批次名>.receipt.json）')
    .option('--force', '回执文件已存在时覆盖')
    .action(async (file: string, options: { receiptOut?: string; force?: boolean }) => {
      const receiptOut =
        options.receiptOut ?? path.join(path.dirname(path.resolve(file)), `${path.basename(file).replace(/\.zip$/i, '')}.receipt.json`);
      const progress = terminalProgress();
      try {
        const summary = await cli.call('batches.import', { file, receiptOut, overwrite: options.force ?? false }, progress.context);
        progress.stop();
        cli.printJson(summary);
        if (summary.receipt.error) cli.say(`回执未能保存：${summary.receipt.error}`);
      } finally {
        progress.stop();
      }
    });

  program
    .command('receipt')
    .description('中心回执')
    .command('apply')
    .description('站点应用中心回执：标记“已接收”或“退回”')
    .argument('<FILE>', '回执文件')
    .option('--trust-centre <FINGERPRINT>', '尚未登记中心公钥时：与中心电话核对过的指纹，登记回执中附带的中心公钥')
    .action(async (file: string, o: { trustCentre?: string }) =>
      cli.printJson(await cli.call('batches.applyReceipt', { file, trustCentre: o.trustCentre })),
    );

  const centre = program.command('centre').description('中心：登记站点公钥');
  centre
    .command('trust')
    .description('登记站点公钥（先与站点电话核对指纹）：用站点的公钥文件，或用站点批次中附带的公钥（--from-batch）')
    .argument('[KEYFILE]', '站点公钥文件')
    .option('--from-batch <BATCH>', '站点的批次文件（批次附带站点公钥）')
    .option('--fingerprint <FINGERPRINT>', '与站点电话核对过的指纹（与 --from-batch 一起用）')
    .action(async (file: string | undefined, o: { fromBatch?: string; fingerprint?: string }) => {
      if (!file && !o.fromBatch) throw new DeskError('VALIDATION', '请给出站点公钥文件，或用 --from-batch 批次文件 --fingerprint 指纹');
      const station = o.fromBatch
        ? await cli.call('centre.trustFromBatch', { file: o.fromBatch, fingerprint: o.fingerprint ?? '' })
        : await cli.call('centre.trust', { file: file! });
      cli.printJson(station);
      cli.say(`${station.already ? '该站点公钥已登记' : '已登记'}：${station.name}（${station.stationCode}），指纹 ${station.fingerprint}`);
    });
  centre
    .command('stations')
    .description('列出已登记的站点公钥')
    .option('--json', '以JSON输出')
    .action(async (options: { json?: boolean }) => {
      const list = await cli.call('centre.stations', {});
      if (options.json) return cli.printJson(list);
      if (list.stations.length === 0) return cli.say('还没有登记任何站点公钥。');
      for (const s of list.stations) {
        process.stdout.write(
          `${s.fingerprint}\t${s.stationCode}\t${s.name}\t${s.revokedAt ? `已吊销 ${s.revokedAt.slice(0, 10)}` : `登记于 ${s.trustedAt.slice(0, 10)}`}\n`,
        );
      }
    });
  centre
    .command('recode')
    .description('确认站点的新代码（或名称）：先与站点电话核实；旧代码留在记录中')
    .argument('<FINGERPRINT>', '站点公钥指纹')
    .requiredOption('--code <CODE>', '站点的新代码')
    .option('--name <NAME>', '站点的新名称（不变可不填）')
    .requiredOption('--reason <TEXT>', '变更的原因')
    .action(async (fingerprint: string, options: { code: string; name?: string; reason: string }) => {
      const station = await cli.call('centre.recode', {
        fingerprint,
        stationCode: options.code,
        name: options.name,
        reason: options.reason,
      });
      cli.printJson(station);
      cli.say(`已确认：站点“${station.name}”（指纹 ${station.fingerprint}）的代码为 ${station.stationCode}（已记录）`);
    });
  centre
    .command('revoke')
    .description('吊销站点公钥（之后该公钥签名的批次一律拒绝）')
    .argument('<FINGERPRINT>', '站点公钥指纹')
    .option('--reason <TEXT>', '吊销原因')
    .action(async (fingerprint: string, options: { reason?: string }) =>
      cli.printJson(await cli.call('centre.revoke', { fingerprint, reason: options.reason })),
    );

  program
    .command('batches')
    .description('上报记录')
    .command('log')
    .description('站点：导出的批次与应用的回执；中心：导入的批次')
    .action(async () => cli.printJson(await cli.call('batches.log', {})));
};
