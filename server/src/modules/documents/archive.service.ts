import type { z } from 'zod';
import { normaliseCustomerName } from '@contract/customers';
import type { TArchiveLevel, TArchiveNode, ZArchiveTreeQuery } from '@contract/documents';
import type { Actor } from '../../actor';
import { AppError } from '../../app-error';
import type { Db } from '../../db/database';
import * as repo from './archive.repo';
import { visibilityOf } from './documents.service';

/** The industry node of customers filed under no industry. */
const NO_INDUSTRY = { zh: '未分类', en: 'No industry' };
/** The node under a customer holding its documents of no particular contract (R-GOODS-6 licenses, media backups). */
const CUSTOMER_DOCUMENTS = { zh: '客户文档', en: 'Customer documents' };

/**
 * R-ORG-6: the archive, one level per request — industries; `?industry=` its customers;
 * `?customer=` its contracts (a contract is the smallest unit) and its own documents. Counts
 * cover active documents the reader may see (R-ORG-5).
 */
export async function archiveLevel(db: Db, actor: Actor, q: z.infer<typeof ZArchiveTreeQuery>): Promise<TArchiveLevel> {
  const visibility = visibilityOf(actor);
  const page = { page: q.page, pageSize: q.pageSize };

  if (q.customer !== undefined) {
    const customer = await repo.findCustomerName(db, q.customer);
    if (!customer) throw new AppError('NOT_FOUND');
    const r = await repo.listContractCounts(db, q.customer, page, visibility);
    const items: TArchiveNode[] = r.contracts.map((c) => ({
      kind: 'contract',
      id: c.id,
      name: c.number,
      nameEn: null,
      childCount: null,
      documentCount: r.documentCounts.get(c.id) ?? 0,
    }));
    const customerDocuments: TArchiveNode = {
      kind: 'customer_documents',
      id: customer.id,
      name: CUSTOMER_DOCUMENTS.zh,
      nameEn: CUSTOMER_DOCUMENTS.en,
      childCount: null,
      documentCount: r.customerDocumentCount,
    };
    return { level: 'contracts', items, customerDocuments, total: r.total, ...page };
  }

  if (q.industry !== undefined) {
    const industryId = q.industry === 'none' ? null : q.industry;
    if (industryId !== null && !(await repo.findIndustryName(db, industryId))) throw new AppError('NOT_FOUND');
    const nameKey = q.q ? normaliseCustomerName(q.q) : undefined;
    const r = await repo.listCustomerCounts(db, industryId, nameKey, page, visibility);
    const items: TArchiveNode[] = r.customers.map((c) => ({
      kind: 'customer',
      id: c.id,
      name: c.name,
      nameEn: null,
      childCount: r.contractCounts.get(c.id) ?? 0,
      documentCount: r.documentCounts.get(c.id) ?? 0,
    }));
    return { level: 'customers', items, customerDocuments: null, total: r.total, ...page };
  }

  const r = await repo.listIndustryCounts(db, visibility);
  const count = (m: Map<number | null, number>, id: number | null) => m.get(id) ?? 0;
  const { customerCounts, documentCounts } = r;
  const all: TArchiveNode[] = r.industries
    .filter((i) => i.active === 1 || count(customerCounts, i.id) > 0)
    .map((i) => ({
      kind: 'industry',
      id: i.id,
      name: i.name_zh,
      nameEn: i.name_en,
      childCount: count(customerCounts, i.id),
      documentCount: count(documentCounts, i.id),
    }));
  if (count(customerCounts, null) > 0) {
    all.push({
      kind: 'industry',
      id: null,
      name: NO_INDUSTRY.zh,
      nameEn: NO_INDUSTRY.en,
      childCount: count(customerCounts, null),
      documentCount: count(documentCounts, null),
    });
  }
  const start = (q.page - 1) * q.pageSize;
  return { level: 'industries', items: all.slice(start, start + q.pageSize), customerDocuments: null, total: all.length, ...page };
}
