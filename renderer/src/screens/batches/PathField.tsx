/**
 * A file path with a 选择… button: the desktop app opens the native dialog; in the development harness
 * (no dialogs) the path is typed.
 */

import { Button, Input, Space } from 'antd';

type Filters = { name: string; extensions: string[] }[];

export const ZIP_FILTERS: Filters = [{ name: '上报批次', extensions: ['zip'] }];
export const JSON_FILTERS: Filters = [{ name: 'JSON 文件', extensions: ['json'] }];

export function PathField(props: {
  value: string;
  onChange(value: string): void;
  mode: 'open' | 'save';
  title: string;
  filters: Filters;
  defaultName?: string;
  placeholder?: string;
  disabled?: boolean;
  id?: string;
}) {
  const shell = window.desk?.shell;
  const choose = async () => {
    if (!shell) return;
    const chosen =
      props.mode === 'open'
        ? await shell.chooseOpenPath({ title: props.title, filters: props.filters })
        : await shell.chooseSavePath({ title: props.title, defaultName: props.defaultName ?? '', filters: props.filters });
    if (chosen) props.onChange(chosen);
  };
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder={props.placeholder ?? (shell ? '点“选择…”或输入完整路径' : '输入完整路径')}
        disabled={props.disabled}
        aria-label={props.title}
      />
      {shell ? (
        <Button onClick={() => void choose()} disabled={props.disabled}>
          选择…
        </Button>
      ) : null}
    </Space.Compact>
  );
}
