import { FileTextOutlined, FolderOutlined, ShopOutlined, SolutionOutlined } from '@ant-design/icons';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Empty, Flex, Spin, Tree, Typography, theme } from 'antd';
import type { TreeDataNode } from 'antd';
import { type Key, type ReactNode, useCallback, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { TArchiveLevel, TArchiveNode } from '@contract/documents';
import { archiveKeys, fetchArchiveLevel, type TArchiveTreeQuery, useArchiveLevel } from '../../api/documents.hooks';
import { useT } from '../../app/locale-context';
import { useErrorText } from '../../ui/error-text';
import { useIsPhone } from '../../ui/use-is-phone';
import { useLabels } from '../../ui/labels';
import { DocumentsPanel } from './documents-panel';

/** Each level is asked for whole; an industry with more customers than this says so. */
const LEVEL_SIZE = 200;

/** Tree keys: `industry:3`, `industry:none`, `customer:7`, `contract:12`, `customer_documents:7`. */
type TNodeKey = string;

interface TNodeInfo {
  node: TArchiveNode;
  /** The customer a contract or customer-documents node belongs to. */
  customer?: { id: number; name: string };
}

function keyOf(node: TArchiveNode): TNodeKey {
  return `${node.kind}:${node.id ?? 'none'}`;
}

function childQuery(key: TNodeKey): TArchiveTreeQuery | null {
  const [kind, id] = key.split(':');
  if (kind === 'industry') return { industry: id === 'none' ? 'none' : Number(id), pageSize: LEVEL_SIZE };
  if (kind === 'customer') return { customer: Number(id), pageSize: LEVEL_SIZE };
  return null;
}

const ICONS: Record<TArchiveNode['kind'], ReactNode> = {
  industry: <FolderOutlined />,
  customer: <ShopOutlined />,
  contract: <SolutionOutlined />,
  customer_documents: <FileTextOutlined />,
};

/** 客户档案: the archive as the rulebook files it, industry → customer → contract (R-ORG-6). */
export function ArchivePage() {
  const t = useT();
  const labels = useLabels();
  const { token } = theme.useToken();
  const isPhone = useIsPhone();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const selected = params.get('node') ?? undefined;
  const [expanded, setExpanded] = useState<TNodeKey[]>([]);
  // Levels opened so far; their contents come from the query cache, so uploads refresh the counts.
  const [opened, setOpened] = useState<TNodeKey[]>([]);

  const root = useArchiveLevel({ pageSize: LEVEL_SIZE });
  const levels = useQueries({
    queries: opened.map((key) => {
      const query = childQuery(key) as TArchiveTreeQuery;
      return { queryKey: archiveKeys.level(query), queryFn: ({ signal }: { signal: AbortSignal }) => fetchArchiveLevel(query, signal) };
    }),
  });

  const childrenOf = useMemo(() => {
    const map = new Map<TNodeKey, TArchiveLevel>();
    opened.forEach((key, i) => {
      const data = levels[i]?.data;
      if (data) map.set(key, data);
    });
    return map;
  }, [opened, levels]);

  const info = new Map<TNodeKey, TNodeInfo>();

  const title = (n: TArchiveNode) => (
    <span data-testid={`archive-node-${n.kind}-${n.id ?? 'none'}`}>
      {labels.named(n.name, n.nameEn)}
      {n.childCount !== null && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {' '}
          ({n.childCount})
        </Typography.Text>
      )}
      <span style={{ marginInlineStart: 6, fontSize: 12, color: n.documentCount > 0 ? token.colorPrimary : token.colorTextQuaternary }}>
        <FileTextOutlined /> {n.documentCount}
      </span>
    </span>
  );

  function build(n: TArchiveNode, customer?: { id: number; name: string }): TreeDataNode {
    const key = keyOf(n);
    info.set(key, { node: n, customer });
    const isLeaf = n.kind === 'contract' || n.kind === 'customer_documents' || n.childCount === 0;
    const level = childrenOf.get(key);
    let children: TreeDataNode[] | undefined;
    if (level) {
      const own = n.kind === 'customer' ? { id: n.id as number, name: n.name } : undefined;
      const kids = [...(level.customerDocuments ? [level.customerDocuments] : []), ...level.items];
      children = kids.map((k) => build(k, own));
      if (level.total > level.items.length) {
        children.push({
          key: `${key}:more`,
          title: <Typography.Text type="secondary">{t('archive.more', { n: level.total - level.items.length })}</Typography.Text>,
          isLeaf: true,
          selectable: false,
        });
      }
    }
    return { key, title: title(n), icon: ICONS[n.kind], isLeaf, children };
  }

  const treeData = (root.data?.items ?? []).map((n) => build(n));

  const loadData = useCallback(
    async ({ key }: { key: Key }) => {
      const k = String(key);
      const query = childQuery(k);
      if (!query) return;
      await qc.fetchQuery({ queryKey: archiveKeys.level(query), queryFn: ({ signal }) => fetchArchiveLevel(query, signal) });
      setOpened((o) => (o.includes(k) ? o : [...o, k]));
    },
    [qc],
  );

  const current = selected ? info.get(selected) : undefined;

  return (
    <Flex gap={16} wrap align="flex-start" data-testid="archive">
      <Card
        title={t('archive.title')}
        size="small"
        style={{ flex: isPhone ? '1 1 100%' : '0 1 360px', minWidth: 0 }}
        styles={{ body: { padding: 8 } }}
      >
        {root.isError && <Alert type="error" showIcon title={errorText(root.error)} />}
        {root.isPending ? (
          <Spin />
        ) : (
          <div data-testid="archive-tree" style={{ maxHeight: isPhone ? 360 : 'calc(100vh - 200px)', overflow: 'auto' }}>
            <Tree
              showIcon
              blockNode
              treeData={treeData}
              loadData={loadData}
              loadedKeys={opened}
              expandedKeys={expanded}
              onExpand={(keys) => setExpanded(keys.map(String))}
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => {
                const k = keys[0] ? String(keys[0]) : undefined;
                const next = new URLSearchParams(params);
                if (k) next.set('node', k);
                else next.delete('node');
                setParams(next, { replace: true });
                // Selecting a folder opens it as well.
                if (k && childQuery(k) && !expanded.includes(k)) setExpanded((e) => [...e, k]);
              }}
            />
            {treeData.length === 0 && <Empty description={t('archive.empty')} />}
          </div>
        )}
      </Card>
      <div style={{ flex: '1 1 480px', minWidth: 0 }}>
        <ArchiveSelection selected={selected} info={current} />
      </div>
    </Flex>
  );
}

function ArchiveSelection({ selected, info }: { selected?: TNodeKey; info?: TNodeInfo }) {
  const t = useT();
  const labels = useLabels();
  const [kind, rawId] = (selected ?? '').split(':');
  const id = Number(rawId);

  if (kind === 'contract' && id) {
    return (
      <Card
        size="small"
        title={
          <Flex gap={8} wrap align="center">
            <SolutionOutlined />
            <Link to={`/contracts/${id}`}>{info?.node.name ?? `#${id}`}</Link>
            {info?.customer && (
              <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                {info.customer.name}
              </Typography.Text>
            )}
          </Flex>
        }
        data-testid="archive-contract"
      >
        <DocumentsPanel contractId={id} />
      </Card>
    );
  }
  if (kind === 'customer_documents' && id) {
    return (
      <Card
        size="small"
        title={
          <Flex gap={8} wrap align="center">
            <FileTextOutlined />
            <span>{t('archive.customerDocuments')}</span>
            <Link to={`/customers/${id}`}>{info?.customer?.name ?? `#${id}`}</Link>
          </Flex>
        }
        data-testid="archive-customer-documents"
      >
        <Typography.Paragraph type="secondary">{t('archive.customerDocumentsHelp')}</Typography.Paragraph>
        <DocumentsPanel customerId={id} customerLevelOnly />
      </Card>
    );
  }
  if (kind === 'customer' && id) {
    return (
      <Card
        size="small"
        title={
          <Flex gap={8} wrap align="center">
            <ShopOutlined />
            <Link to={`/customers/${id}`}>{info ? labels.named(info.node.name, info.node.nameEn) : `#${id}`}</Link>
          </Flex>
        }
        data-testid="archive-customer"
      >
        <Typography.Paragraph type="secondary">{t('archive.customerHelp')}</Typography.Paragraph>
        <DocumentsPanel customerId={id} />
      </Card>
    );
  }
  return (
    <Card size="small">
      <Empty description={t('archive.pick')} />
    </Card>
  );
}
