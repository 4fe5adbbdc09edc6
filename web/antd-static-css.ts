/**
 * antd's styles for the theme (web/src/app/layout/theme.ts), written at build time instead of by
 * antd's CSS-in-JS on the phone: every antd component the web imports is rendered once on the
 * server into @ant-design/cssinjs's cache, and the cache is written out as one stylesheet per
 * component, which the build loads with that component's code (web/vite.config.ts). The app then
 * runs antd with `zeroRuntime` (no style generated in the browser; antd-shell.tsx).
 *
 * Which components: the value imports `from 'antd'` under web/src, read from the sources, so a
 * component used for the first time is styled without anyone listing it. Popups (selects' and
 * pickers' dropdowns, modals, tooltips, toasts) render their inline panel as well, since a portal
 * draws nothing on the server.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { THEME } from './src/app/layout/theme';

const require = createRequire(import.meta.url);

/** The value names imported from 'antd' by the files under `srcDir`. */
export function antdImports(srcDir: string): string[] {
  const names = new Set<string>();
  for (const e of fs.readdirSync(srcDir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !/\.tsx?$/.test(e.name)) continue;
    const text = fs.readFileSync(path.join(e.parentPath, e.name), 'utf8');
    for (const m of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'antd'/g)) {
      if (m[1]) continue;
      for (const part of m[2].split(',')) {
        const name = part.trim().split(/\s+as\s+/)[0];
        if (name && !name.startsWith('type ')) names.add(name);
      }
    }
  }
  return [...names].sort();
}

/**
 * antd's styles by the name its style hook registers them under (`Button`, `Form-item-item`,
 * `Shared` for the reset every component shares), each a stylesheet of its own.
 */
export function antdStaticStyles(srcDir: string): Map<string, string> {
  // CommonJS builds: one copy of React, antd and the style cache in this process.
  const React = require('react') as typeof import('react');
  const { renderToString } = require('react-dom/server') as typeof import('react-dom/server');
  const antd = require('antd/lib') as Record<string, unknown>;
  const cssinjs = require('@ant-design/cssinjs') as typeof import('@ant-design/cssinjs');
  const h = React.createElement;
  // biome-ignore lint/suspicious/noExplicitAny: components of every shape, rendered bare
  type Any = any;
  const A = antd as Record<string, Any>;

  /** Components whose bare render draws too little of them; their parts are rendered as well. */
  const parts: Record<string, Any[]> = {
    Form: [
      h(A.Form, { layout: 'vertical' }, h(A.Form.Item, { label: 'x', help: 'x', required: true }, h(A.Input))),
      h(A.Form, { layout: 'inline' }, h(A.Form.Item, { label: 'x', validateStatus: 'error', hasFeedback: true }, h(A.Input))),
      h(A.Form, { layout: 'horizontal' }, h(A.Form.Item, { label: 'x' }, h(A.Input))),
    ],
    Input: [
      h(A.Input, { prefix: 'x', suffix: 'x', allowClear: true, showCount: true }),
      h(A.Input.TextArea, { showCount: true, allowClear: true }),
      h(A.Input.Search, { enterButton: true }),
      h(A.Input.Password),
      h(A.Input.OTP),
      h(A.Space.Compact, null, h(A.Input), h(A.Button)),
    ],
    Typography: [
      h(A.Typography.Text, { copyable: true, ellipsis: true }, 'x'),
      h(A.Typography.Title, null, 'x'),
      h(A.Typography.Paragraph, null, 'x'),
      h(A.Typography.Link, null, 'x'),
    ],
    Layout: [
      h(A.Layout, null, h(A.Layout.Header), h(A.Layout, null, h(A.Layout.Sider, { collapsible: true }), h(A.Layout.Content))),
    ],
    Descriptions: [h(A.Descriptions, { bordered: true, items: [{ key: 'a', label: 'x', children: 'x' }] })],
    List: [h(A.List, { dataSource: [1], renderItem: () => h(A.List.Item, null, h(A.List.Item.Meta, { title: 'x' })) })],
    Card: [h(A.Card, { title: 'x', extra: 'x', actions: ['x'] }, h(A.Card.Meta, { title: 'x' }))],
    Radio: [h(A.Radio.Group, { options: ['x'] }), h(A.Radio.Group, { optionType: 'button', options: ['x'] })],
    Checkbox: [h(A.Checkbox.Group, { options: ['x'] })],
    Skeleton: [
      h(A.Skeleton, { active: true, avatar: true }),
      h(A.Skeleton.Button),
      h(A.Skeleton.Input),
      h(A.Skeleton.Image),
      h(A.Skeleton.Avatar),
      h(A.Skeleton.Node),
    ],
    DatePicker: [h(A.DatePicker.RangePicker)],
    Upload: [h(A.Upload.Dragger), h(A.Upload, { listType: 'picture-card' })],
    Menu: [h(A.Menu, { items: [{ key: 'a', label: 'x', children: [{ key: 'b', label: 'y' }] }] })],
    Tabs: [h(A.Tabs, { items: [{ key: 'a', label: 'x', children: 'x' }] })],
    Steps: [h(A.Steps, { items: [{ title: 'x' }] })],
    Timeline: [h(A.Timeline, { items: [{ content: 'x' }] })],
    Tree: [h(A.Tree, { treeData: [{ key: 'a', title: 'x' }] })],
    Dropdown: [h(A.Dropdown, { menu: { items: [] } }, h('div'))],
    Table: [
      h(A.Table, {
        dataSource: [{ key: 1, a: 1 }],
        columns: [{ key: 'a', dataIndex: 'a', title: 'x', sorter: true, filters: [{ text: 'x', value: 1 }] }],
        rowSelection: {},
        summary: () => h(A.Table.Summary.Row, null, h(A.Table.Summary.Cell, { index: 0 }, 'x')),
      }),
    ],
    Badge: [h(A.Badge, { count: 1 }), h(A.Badge.Ribbon, { text: 'x' }, h('div'))],
    Statistic: [h(A.Statistic, { value: 1 })],
    Progress: [h(A.Progress, { percent: 1 }), h(A.Progress, { type: 'circle', percent: 1 })],
    Rate: [h(A.Rate)],
    Result: [h(A.Result, { status: 'success', title: 'x' })],
    Empty: [h(A.Empty), h(A.Empty, { image: A.Empty.PRESENTED_IMAGE_SIMPLE })],
    Alert: [h(A.Alert, { title: 'x', showIcon: true, closable: true })],
    // A status colour's style is made when a tag of that status is drawn.
    Tag: [
      ...['green', 'success', 'processing', 'error', 'warning', 'default'].map((color) => h(A.Tag, { color }, 'x')),
      h(A.Tag.CheckableTag, { checked: true }, 'x'),
    ],
    Button: [h(A.Button, { type: 'primary' }, 'x')],
    Row: [h(A.Row, null, h(A.Col, { span: 12 }))],
    Col: [],
    Space: [h(A.Space, null, 'x'), h(A.Space.Compact, null, h(A.Button))],
    Calendar: [h(A.Calendar, { fullscreen: false }), h(A.Calendar)],
    Segmented: [h(A.Segmented, { options: ['x'] })],
    Modal: [h(A.Modal, { open: true })],
    Drawer: [h(A.Drawer, { open: true })],
    message: [],
    ConfigProvider: [],
    theme: [],
  };

  const nodes: Any[] = [];
  for (const name of [...antdImports(srcDir), 'App']) {
    const Comp = A[name];
    if (!Comp) throw new Error(`antd has no export ${name}`);
    const own = parts[name];
    if (own) nodes.push(...own);
    else nodes.push(h(Comp));
    if (Comp._InternalPanelDoNotUseOrYouWillBeFired) nodes.push(h(Comp._InternalPanelDoNotUseOrYouWillBeFired, {}));
  }
  // The toasts (useMessage's holder draws nothing until a toast is shown).
  nodes.push(h(A.message._InternalPanelDoNotUseOrYouWillBeFired, { content: 'x', type: 'success' }));

  const cache = cssinjs.createCache();
  renderToString(
    h(
      cssinjs.StyleProvider,
      { cache },
      h(A.ConfigProvider, { theme: THEME }, ...nodes.map((n, i) => h(React.Fragment, { key: i }, n))),
    ),
  );
  // Only the components' rules ('style'): the theme's and the components' CSS variables ('token',
  // 'cssVar') are still set by antd in the browser under zeroRuntime, a few small blocks.
  const byName = new Map<string, string[]>();
  for (const key of cache.cache.keys()) {
    // `style%<hash, empty when not hashed>%<name>%<prefixCls>%…`
    const [type, , name] = key.split('%');
    if (type === 'style') byName.set(name, [...(byName.get(name) ?? []), key]);
  }
  const sheets = new Map<string, string>();
  for (const [name, keys] of byName) {
    // A cache holding this name's entries alone, written out as antd writes a whole cache.
    const part = cssinjs.createCache();
    for (const k of keys) part.cache.set(k, cache.cache.get(k)!);
    sheets.set(name, stripCacheMap(cssinjs.extractStyle(part, { plain: true, types: 'style' })));
  }
  return sheets;
}

/** extractStyle ends with a rule mapping cache paths to hashes, for hydrating server-rendered HTML: not needed. */
function stripCacheMap(css: string): string {
  return css.replace(/\.data-ant-cssinjs-cache-path\{content:"[^"]*";\}/, '');
}
