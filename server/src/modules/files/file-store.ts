import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../app-error';

/** A file kept by the store, named by the sha256 of its content. */
export interface StoredBlob {
  hash: string;
  size: number;
}

/** Bytes received into local staging and hashed, not yet kept. */
export interface StagedFile extends StoredBlob {
  /** Local path of the staging copy (readable until commit or discard). */
  path: string;
}

/**
 * Content-addressed file storage. Uploads are staged first (so they can be checked before
 * anything is kept), then committed. The local store below is the default; an S3-compatible
 * store would stage the same way and upload on commit.
 */
export interface FileStore {
  /** Stream `source` into staging, hashing it; `observe` sees every chunk (and may throw to stop). */
  stage(source: Readable, observe?: (chunk: Buffer) => void): Promise<StagedFile>;
  /** Keep a staged file; identical content is kept once. The staging copy is consumed. */
  commit(staged: StagedFile): Promise<StoredBlob>;
  /** Drop a staging copy. Safe after commit and when called twice. */
  discard(staged: StagedFile): Promise<void>;
  /** Stage and commit in one step (for content the server produced itself). */
  put(source: Readable): Promise<StoredBlob>;
  /** A stream of the content; NOT_FOUND when the store does not hold it. */
  open(hash: string): Promise<Readable>;
  exists(hash: string): Promise<boolean>;
  /** Delete a kept file; the caller has made sure no record refers to it. Safe when absent. */
  remove(hash: string): Promise<void>;
}

const HASH = /^[0-9a-f]{64}$/;

/** Files under `<root>/ab/cd/<hash>`; staging in a folder on the same disk, so commit is a rename. */
export class LocalFileStore implements FileStore {
  constructor(
    private readonly root: string,
    private readonly stagingDir: string,
  ) {}

  async stage(source: Readable, observe?: (chunk: Buffer) => void): Promise<StagedFile> {
    await fs.mkdir(this.stagingDir, { recursive: true });
    const file = path.join(this.stagingDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        try {
          hash.update(chunk);
          size += chunk.length;
          observe?.(chunk);
          done(null, chunk);
        } catch (err) {
          done(err as Error);
        }
      },
    });
    try {
      await pipeline(source, tap, createWriteStream(file, { flags: 'wx', flush: true }));
    } catch (err) {
      await fs.rm(file, { force: true });
      throw err;
    }
    return { path: file, hash: hash.digest('hex'), size };
  }

  async commit(staged: StagedFile): Promise<StoredBlob> {
    const target = this.pathOf(staged.hash);
    if (await this.exists(staged.hash)) {
      await this.discard(staged);
    } else {
      await fs.mkdir(path.dirname(target), { recursive: true });
      // Atomic: a concurrent commit of the same content replaces it with identical bytes.
      await fs.rename(staged.path, target);
    }
    return { hash: staged.hash, size: staged.size };
  }

  async discard(staged: StagedFile): Promise<void> {
    await fs.rm(staged.path, { force: true });
  }

  async put(source: Readable): Promise<StoredBlob> {
    return this.commit(await this.stage(source));
  }

  async open(hash: string): Promise<Readable> {
    try {
      // Opened before any header is sent, so a missing file is a clean 404, not a broken download.
      const handle = await fs.open(this.pathOf(hash), 'r');
      return handle.createReadStream();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('NOT_FOUND');
      throw err;
    }
  }

  async exists(hash: string): Promise<boolean> {
    try {
      await fs.access(this.pathOf(hash));
      return true;
    } catch {
      return false;
    }
  }

  async remove(hash: string): Promise<void> {
    await fs.rm(this.pathOf(hash), { force: true });
  }

  private pathOf(hash: string): string {
    if (!HASH.test(hash)) throw new AppError('NOT_FOUND');
    return path.join(this.root, hash.slice(0, 2), hash.slice(2, 4), hash);
  }
}

/** The store of this installation: local disk under the data folder. */
export function createFileStore(config: { dataDir: string }): FileStore {
  return new LocalFileStore(path.join(config.dataDir, 'files'), path.join(config.dataDir, 'tmp', 'uploads'));
}
