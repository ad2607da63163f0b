/**
 * Commander in Chinese. Commander writes its own English for usage mistakes (`error: unknown command`,
 * `missing required argument`) and help headings (`Usage:`, `Options:`); every message the command line
 * shows is Chinese, so the program is built from these subclasses: `error` translates by Commander's
 * error code (the English is only parsed for the names it quotes), the help titles and usage words are
 * mapped, and every subcommand inherits both through `createCommand` / `createHelp`.
 */

import { Command, Help } from 'commander';

const TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

const usageWords = (text: string) => text.replaceAll('[options]', '[选项]').replaceAll('[command]', '[命令]');

const extraInfo = (text: string) =>
  text
    .replace(/\(default: ([^)]*)\)/g, '（默认：$1）')
    .replace(/\(choices: ([^)]*)\)/g, '（可选：$1）')
    .replace(/\(preset: ([^)]*)\)/g, '（预设：$1）');

/** Columns a text takes in a terminal: CJK and full-width characters take two. */
function columns(text: string): number {
  let width = 0;
  // eslint-disable-next-line no-control-regex -- ANSI colour sequences take no columns
  for (const ch of text.replace(/\u001b\[[0-9;]*m/g, ''))
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch)
      ? 2
      : 1;
  return width;
}

class ChineseHelp extends Help {
  override displayWidth(str: string): number {
    return columns(str);
  }
  override styleTitle(str: string): string {
    return super.styleTitle(TITLES[str] ?? str);
  }
  override commandUsage(cmd: Command): string {
    return usageWords(super.commandUsage(cmd));
  }
  override subcommandTerm(cmd: Command): string {
    return usageWords(super.subcommandTerm(cmd));
  }
  override optionDescription(option: Parameters<Help['optionDescription']>[0]): string {
    return extraInfo(super.optionDescription(option));
  }
  override argumentDescription(argument: Parameters<Help['argumentDescription']>[0]): string {
    return extraInfo(super.argumentDescription(argument));
  }
}

/** `(Did you mean x?)` → `（是否想输入 x？）`. */
function suggestion(english: string): string {
  const match = /\(Did you mean (?:one of )?(.+)\?\)/.exec(english);
  return match ? `（是否想输入 ${match[1].replaceAll(', ', '、')}？）` : '';
}

/** Commander's English message for `code`, in Chinese; `command` names where it happened. */
export function chineseUsageError(code: string | undefined, english: string, command: string): string {
  const quoted = [...english.matchAll(/'([^']*)'/g)].map((m) => m[1]);
  switch (code) {
    case 'commander.unknownCommand':
      return `不认识的命令“${quoted[0] ?? ''}”${suggestion(english)}`;
    case 'commander.unknownOption':
      return `不认识的选项“${quoted[0] ?? ''}”${suggestion(english)}`;
    case 'commander.missingArgument':
      return `“${command}”缺少参数 ${quoted[0] ?? ''}`;
    case 'commander.optionMissingArgument':
      return `选项 ${quoted[0] ?? ''} 后面缺少值`;
    case 'commander.missingMandatoryOptionValue':
      return `“${command}”缺少必需的选项 ${quoted[0] ?? ''}`;
    case 'commander.excessArguments': {
      const counts = /Expected (\d+) arguments? but got (\d+)/.exec(english);
      return counts ? `“${command}”的参数过多：需要${counts[1]}个，给了${counts[2]}个` : `“${command}”的参数过多`;
    }
    case 'commander.conflictingOption':
      return `${quoted[0] ?? '两个选项'} 与 ${quoted[1] ?? ''} 不能同时使用`;
    case 'commander.invalidArgument':
      return `参数的值无效${quoted[0] ? `：${quoted[0]}` : ''}`;
    default:
      return '命令行的写法有误';
  }
}

export class ChineseCommand extends Command {
  override createCommand(name?: string): Command {
    return new ChineseCommand(name);
  }

  override createHelp(): Help {
    return Object.assign(new ChineseHelp(), this.configureHelp());
  }

  override error(message: string, errorOptions?: { code?: string; exitCode?: number }): never {
    const path: string[] = [];
    for (let c = this.parent ? (this as Command) : null; c?.parent; c = c.parent) path.unshift(c.name());
    super.error(`错误：${chineseUsageError(errorOptions?.code, message, path.join(' ') || this.name())}`, errorOptions);
  }
}
