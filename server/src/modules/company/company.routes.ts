import { ZCompanyProfile, ZUpdateCompanyProfile } from '@contract/company';
import type { AppInstance } from '../../http/types';
import { createFileStore } from '../files/file-store';
import { withUpload } from '../files/uploads';
import { downloadCompanyLogo, getCompanyProfile, removeCompanyLogo, setCompanyLogo, updateCompanyProfile } from './company.service';

/** The company header of printed forms (R-FORM-1). The logo upload needs multipart: registered in the uploads scope. */
export async function companyRoutes(app: AppInstance) {
  const { db } = app.deps.database;
  const store = createFileStore(app.deps.config);
  const tags = ['company'];

  app.get(
    '/api/company-profile',
    {
      config: { permission: 'settings.manage' },
      schema: { tags, summary: 'The company name and whether a logo is set', response: { 200: ZCompanyProfile } },
    },
    async () => getCompanyProfile(db),
  );
  app.patch(
    '/api/company-profile',
    {
      config: { permission: 'settings.manage' },
      schema: {
        tags,
        summary: 'Set the company name (version 0 the first time)',
        body: ZUpdateCompanyProfile,
        response: { 200: ZCompanyProfile },
      },
    },
    async (req) => updateCompanyProfile(db, req.actor, req.body),
  );
  app.put(
    '/api/company-profile/logo',
    {
      config: { permission: 'settings.manage' },
      schema: {
        tags,
        summary: 'Upload the logo: multipart with one `file` part, a PNG or JPEG of at most 1 MB',
        consumes: ['multipart/form-data'],
        response: { 200: ZCompanyProfile },
      },
    },
    async (req) => withUpload(req, store, ({ file }) => setCompanyLogo(db, store, req.actor, file)),
  );
  app.delete(
    '/api/company-profile/logo',
    {
      config: { permission: 'settings.manage' },
      schema: { tags, summary: 'Remove the logo', response: { 200: ZCompanyProfile } },
    },
    async (req) => removeCompanyLogo(db, store, req.actor),
  );
  app.get(
    '/api/company-profile/logo',
    {
      config: { permission: 'settings.manage' },
      schema: { tags, summary: 'Download the logo (always as an attachment)' },
    },
    async (_req, reply) => downloadCompanyLogo(db, store, reply),
  );
}
