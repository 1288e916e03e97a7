// Statements prepared by name on the embedded engine, as PostgreSQL's pool prepares them (src/db/prepared.ts).
// PGlite's `query` parses, describes and plans its text again on every call, and on the embedded engine each of
// those steps opens the relations through WebAssembly file-system calls: the sign-in statement took 600–1,400 µs
// that way and 110–190 µs prepared once by name and then only bound and executed (a loop on the demo data). Only
// the texts the application prepares by name come here; every other statement goes through `query` as before.
import { Buffer } from 'node:buffer';
import { type PGlite, parse, protocol, type QueryOptions, type Results } from '@electric-sql/pglite';

type Statement = { name: string; parameterTypes: number[] };

/** A `query` for texts run again and again: each text is prepared by name the first time, then bound and run. */
export function namedStatements(pglite: PGlite) {
  const { serialize } = protocol;
  const statements = new Map<string, Statement>();

  const prepare = async (text: string): Promise<Statement> => {
    let statement = statements.get(text);
    if (statement === undefined) {
      const name = `mejora_named_${statements.size + 1}`;
      const { messages } = await pglite.execProtocol(
        Buffer.concat([
          serialize.parse({ name, text, types: [] }),
          serialize.describe({ type: 'S', name }),
          serialize.sync(),
        ]),
      );
      statement = { name, parameterTypes: parse.parseDescribeStatementResults(messages) };
      statements.set(text, statement);
    }
    return statement;
  };

  return async (text: string, params: unknown[] = [], options: QueryOptions = {}): Promise<Results> => {
    const { name, parameterTypes } = await prepare(text);
    // Each value as PGlite's `query` writes it: by the parameter's type, as text.
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = options.serializers?.[parameterTypes[i]] ?? pglite.serializers[parameterTypes[i]];
      return serializer ? (serializer(value) as string) : String(value);
    });
    const { messages } = await pglite.execProtocol(
      Buffer.concat([
        serialize.bind({ statement: name, values }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ]),
    );
    return parse.parseResults(messages, pglite.parsers, options)[0];
  };
}
