import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TRole } from '@contract/roles';
import { SIGNATURE_IMAGE_MAX_BYTES } from '@contract/signatures';
import type { Actor } from '../../actor';
import { AppError } from '../../app-error';
import { transact } from '../../db/transaction';
import { createFileStore } from '../files/file-store';
import { SAMPLE_PNG } from '../files/files.fixtures';
import { type TestApp, type TSignedIn, startTestApp } from '../../testing/test-app';
import { engines } from '../../testing/test-db';
import {
  contentHashOf,
  decodeSignatureImage,
  readSignatureImage,
  receivePadSignature,
  recordSignature,
  signaturesOf,
} from './signatures.service';

const fieldOf = (e: unknown) => (e instanceof AppError ? e.issues?.[0]?.path : undefined);

describe('signature images', () => {
  it('take a PNG as a data URL or bare base64, and a JPEG by its bytes', () => {
    const png = Buffer.from(SAMPLE_PNG).toString('base64');
    assert.equal(decodeSignatureImage(`data:image/png;base64,${png}`).mime, 'image/png');
    assert.equal(decodeSignatureImage(png).bytes.length, Buffer.from(SAMPLE_PNG).length);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]).toString('base64');
    assert.equal(decodeSignatureImage(jpeg).mime, 'image/jpeg');
  });

  it('refuse what is not a PNG or JPEG, and an image over 1 MB, naming the field', () => {
    const gif = Buffer.from('GIF89a-not-a-signature-at-all').toString('base64');
    assert.throws(
      () => decodeSignatureImage(gif),
      (e) => fieldOf(e) === 'signature.image',
    );
    assert.throws(
      () => decodeSignatureImage('<svg onload=alert(1)>'),
      (e) => fieldOf(e) === 'signature.image',
    );
    const big = Buffer.concat([Buffer.from(SAMPLE_PNG), Buffer.alloc(SIGNATURE_IMAGE_MAX_BYTES)]).toString('base64');
    assert.throws(
      () => decodeSignatureImage(big, 'customerSignature.image'),
      (e) => fieldOf(e) === 'customerSignature.image',
    );
  });

  it('hash content the same whatever the order of its keys, and differently when a value changes', () => {
    assert.equal(contentHashOf({ a: 1, b: { c: '故障', d: [1, 2] } }), contentHashOf({ b: { d: [1, 2], c: '故障' }, a: 1 }));
    assert.notEqual(contentHashOf({ a: 1, b: { c: '故障' } }), contentHashOf({ a: 1, b: { c: '故障 ' } }));
  });
});

for (const engine of engines()) {
  describe(`signatures recorded (${engine})`, () => {
    let t: TestApp;
    let eng: TSignedIn;
    before(async () => {
      t = await startTestApp(engine);
      eng = await t.userWith(['engineer'] as TRole[]);
    });
    after(() => t.close());

    it('keep the image, signer, time and content hash of a record version, and read the image back', async () => {
      const db = t.app.deps.database.db;
      const store = createFileStore(t.app.deps.config);
      const actor: Actor = { id: eng.user.id, name: eng.user.name, roles: eng.user.roles, requestId: null };
      const file = await receivePadSignature(store, { signerName: '王建国', image: Buffer.from(SAMPLE_PNG).toString('base64') });
      const hash = contentHashOf({ report: 1, fault: '硬盘告警' });
      const s = await transact(db, (trx) =>
        recordSignature(trx, actor, {
          entity: 'service_report',
          entityId: 1,
          entityVersion: 2,
          signerName: '王建国',
          signerRole: 'customer',
          method: 'pad',
          file,
          contentHash: hash,
        }),
      );
      assert.equal(s.signerName, '王建国');
      assert.equal(s.contentHash, hash);
      assert.equal(s.entityVersion, 2);
      const of = await signaturesOf(db, 'service_report', [1, 2]);
      assert.deepEqual(
        of.get('1')?.map((x) => x.id),
        [s.id],
      );
      assert.equal(of.get('2'), undefined);
      assert.deepEqual(await readSignatureImage(db, store, s.id, 'service_report', 1), Buffer.from(SAMPLE_PNG));
      // Another record's owner cannot read it through his own record.
      await assert.rejects(
        readSignatureImage(db, store, s.id, 'service_report', 2),
        (e) => e instanceof AppError && e.code === 'NOT_FOUND',
      );
    });
  });
}
