// The `withme` command line: serve, migrate, seed-demo, admin create, audit verify, lint,
// backup and restore.
// Unknown commands or bad flags print a clear message and exit non-zero.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { ConfigError, loadConfig } from './platform/config.ts';
import { createDb } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { AnchorError, parseAnchor, verifyAuditChain } from './platform/audit.ts';

export const HELP = `withme: a coproduction platform for health and care services

Usage: withme <command> [options]

Commands:
  serve                     Run the web service (migrates, and seeds the demo into an empty database)
  migrate                   Bring the database up to date
  seed-demo                 Add the demo service to an empty database
  admin create --email E    Create a service lead and print a link to set their password
                            [--name "Name they use"]
  audit verify [--anchor N:HASH]
                            Check that the audit log's hash chain is unbroken; with an anchor
                            printed by an earlier check, also that nothing was cut off the end
  lint [--person FILE] [--format text|json] [FILE... | -]
                            Check writing with the language guard
  backup --to FILE          Copy the embedded database while the service runs (SQLite's online
                            backup), readable by this user only; on PostgreSQL, use pg_dump
  restore --from FILE [--force]
                            Put a backup into an empty data folder (--force replaces a database
                            that is there), after checking it; on PostgreSQL, use pg_restore
  --help                    Show this help

Configuration comes from the environment: see .env.example.`;

class UsageError extends Error {
  override name = 'UsageError';
}

interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

const defaultIo: Io = { stdout: process.stdout, stderr: process.stderr };

function strictArgs(args: string[], options: ParseArgsOptionsConfig = {}) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.stdout.write(HELP + '\n');
        return command === undefined ? 2 : 0;
      case 'serve': {
        strictArgs(rest);
        const { serve } = await import('./server.ts');
        await serve(loadConfig());
        return 0;
      }
      case 'migrate': {
        strictArgs(rest);
        const db = createDb(loadConfig().databaseUrl);
        try {
          const result = await migrateToLatest(db);
          const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
          io.stdout.write(applied.length ? `Applied ${applied.length} migration(s):\n${applied.map((m) => `  ${m}`).join('\n')}\n` : 'The database is up to date.\n');
        } finally {
          await db.destroy();
        }
        return 0;
      }
      case 'seed-demo': {
        strictArgs(rest);
        const config = loadConfig();
        const { demoPassword, isEmpty, seedDemo, DEMO_ACCOUNTS } = await import('./demo/seed.ts');
        const db = createDb(config.databaseUrl);
        try {
          await migrateToLatest(db);
          if (!(await isEmpty(db))) {
            io.stderr.write('The database already has accounts: the demo is only added to an empty database.\n');
            return 1;
          }
          const password = demoPassword(config);
          await seedDemo(db, config, password);
          io.stdout.write(`Demo service added. Accounts: ${Object.values(DEMO_ACCOUNTS).map((a) => a.email).join(', ')}\nPassword: ${password}\n`);
        } finally {
          await db.destroy();
        }
        return 0;
      }
      case 'admin':
        return await admin(rest, io);
      case 'audit': {
        const [sub, ...more] = rest;
        if (sub !== 'verify') throw new UsageError(`Unknown audit command "${sub ?? ''}". Try: withme audit verify`);
        const { values } = strictArgs(more, { anchor: { type: 'string' } });
        let anchor: ReturnType<typeof parseAnchor> | undefined;
        try {
          anchor = typeof values.anchor === 'string' ? parseAnchor(values.anchor) : undefined;
        } catch (error) {
          if (error instanceof AnchorError) throw new UsageError(error.message);
          throw error;
        }
        const db = createDb(loadConfig().databaseUrl);
        try {
          const report = await verifyAuditChain(db, anchor);
          if (report.ok) {
            io.stdout.write(`Audit log intact: ${report.entries} entries, every link checked${anchor ? `, and entry ${anchor.seq} is as anchored` : ''}.\n`);
            if (report.head) io.stdout.write(`Anchor: ${report.head}\nKeep the anchor outside withme; "withme audit verify --anchor ${report.head}" later shows that no entry up to it was removed or changed.\n`);
            return 0;
          }
          io.stderr.write(`Audit log BROKEN at entry ${report.brokenAt}: ${report.problem}.\n`);
          return 1;
        } finally {
          await db.destroy();
        }
      }
      case 'backup':
      case 'restore':
        return await backupOrRestore(command, rest, io);
      case 'lint': {
        const { runLint } = await import('./features/language/index.ts');
        return await runLint(rest, { stdin: process.stdin, stdout: io.stdout, stderr: io.stderr, readFile: (p: string) => import('node:fs/promises').then((fs) => fs.readFile(p, 'utf8')) });
      }
      default:
        throw new UsageError(`Unknown command "${command}". Run "withme --help" to see the commands.`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.stderr.write(`withme: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

const POSTGRES_BACKUPS = `On PostgreSQL, back up with pg_dump and restore with pg_restore (see the README's "Backups" section), for example:
  pg_dump --format=custom --file=withme.dump "$DATABASE_URL"
  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" withme.dump
`;

async function backupOrRestore(command: 'backup' | 'restore', args: string[], io: Io): Promise<number> {
  const { values } = strictArgs(args, command === 'backup' ? { to: { type: 'string' } } : { from: { type: 'string' }, force: { type: 'boolean' } });
  const file = command === 'backup' ? values.to : values.from;
  if (typeof file !== 'string' || !file.trim()) throw new UsageError(command === 'backup' ? 'backup needs --to FILE, the new file to write' : 'restore needs --from FILE, the backup to restore');
  const config = loadConfig();
  if (!config.databaseUrl.startsWith('sqlite:')) {
    io.stderr.write(`withme ${command} copies the embedded database only, and this service runs on PostgreSQL.
${POSTGRES_BACKUPS}`);
    return 1;
  }
  const databaseFile = config.databaseUrl.slice('sqlite:'.length);
  const { BackupError, backupSqlite, restoreSqlite } = await import('./platform/db/backup.ts');
  try {
    if (command === 'backup') {
      const report = await backupSqlite(databaseFile, file);
      io.stdout.write(`Backed up to ${report.file} (${Math.ceil(report.bytes / 1024)} KiB, checked; migration ${report.migration ?? 'none'}).
`);
      if (report.anchor) io.stdout.write(`Audit anchor in the backup: ${report.anchor}
Keep it with the backup, outside withme: "withme audit verify --anchor ${report.anchor}" on a restored copy shows its audit log is the one backed up.
`);
    } else {
      const report = restoreSqlite(file, databaseFile, { force: values.force === true });
      io.stdout.write(`Restored ${file} into ${report.file} (checked; migration ${report.migration ?? 'none'}). Start withme to bring it up to date.
`);
      if (report.anchor) io.stdout.write(`Audit anchor of the restored log: ${report.anchor}
`);
    }
    return 0;
  } catch (error) {
    if (error instanceof BackupError) {
      io.stderr.write(`withme ${command}: ${error.message}
`);
      return 1;
    }
    throw error;
  }
}

async function admin(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'create') throw new UsageError(`Unknown admin command "${sub ?? ''}". Try: withme admin create --email E`);
  const { values } = strictArgs(rest, { email: { type: 'string' }, name: { type: 'string' } });
  const email = typeof values.email === 'string' ? values.email.trim() : '';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new UsageError('admin create needs --email with a valid email address');
  const config = loadConfig();
  const db = createDb(config.databaseUrl);
  try {
    await migrateToLatest(db);
    const { createAdmin } = await import('./features/accounts/index.ts');
    const result = await createAdmin(db, config, { email, displayName: typeof values.name === 'string' && values.name.trim() ? values.name.trim() : email });
    if (!result.created) {
      io.stderr.write('An account with that email address already exists.\n');
      return 1;
    }
    io.stdout.write(`Service lead created. To choose their password (within 24 hours, once), open:\n${result.link}\n`);
    return 0;
  } finally {
    await db.destroy();
  }
}
