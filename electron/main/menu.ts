/**
 * The Chinese application menu. Built as a plain template (tested without Electron); roles give the
 * standard behaviour (clipboard, zoom for elderly users, full screen) with Chinese labels.
 */

import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openDataFolder(): void;
  openLogFolder(): void;
  checkForUpdates(): void;
  showAbout(): void;
}

export function menuTemplate(actions: MenuActions, options: { developer: boolean }): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { label: '重新加载', role: 'reload' },
    { type: 'separator' },
    { label: '放大', role: 'zoomIn', accelerator: 'CommandOrControl+=' },
    { label: '缩小', role: 'zoomOut' },
    { label: '实际大小', role: 'resetZoom' },
    { type: 'separator' },
    { label: '全屏', role: 'togglefullscreen' },
  ];
  if (options.developer) view.push({ type: 'separator' }, { label: '开发者工具', role: 'toggleDevTools' });
  return [
    {
      label: '文件(&F)',
      submenu: [
        { label: '打开数据文件夹', click: () => actions.openDataFolder() },
        { label: '打开日志文件夹', click: () => actions.openLogFolder() },
        { type: 'separator' },
        { label: '退出', role: 'quit', accelerator: 'CommandOrControl+Q' },
      ],
    },
    {
      label: '编辑(&E)',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '删除', role: 'delete' },
        { type: 'separator' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    { label: '视图(&V)', submenu: view },
    {
      label: '帮助(&H)',
      submenu: [
        { label: '检查更新', click: () => actions.checkForUpdates() },
        { type: 'separator' },
        { label: '关于人民调解工作台', click: () => actions.showAbout() },
      ],
    },
  ];
}

/**
 * The right-click menu: Electron shows none by default, and a mediator expects 复制/粘贴 in a text
 * field. Offered by what the page reports as possible; nothing at all where nothing applies.
 */
export function contextMenuTemplate(
  params: Pick<ContextMenuParams, 'isEditable' | 'selectionText' | 'editFlags'>,
): MenuItemConstructorOptions[] {
  const flags = params.editFlags;
  const hasSelection = params.selectionText.trim().length > 0;
  if (params.isEditable) {
    return [
      { label: '撤销', role: 'undo', enabled: flags.canUndo },
      { label: '重做', role: 'redo', enabled: flags.canRedo },
      { type: 'separator' },
      { label: '剪切', role: 'cut', enabled: flags.canCut },
      { label: '复制', role: 'copy', enabled: flags.canCopy },
      { label: '粘贴', role: 'paste', enabled: flags.canPaste },
      { type: 'separator' },
      { label: '全选', role: 'selectAll', enabled: flags.canSelectAll },
    ];
  }
  if (hasSelection) return [{ label: '复制', role: 'copy', enabled: flags.canCopy }];
  return [];
}
