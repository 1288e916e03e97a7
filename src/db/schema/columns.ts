// Column types shared by several tables.
import { customType } from 'drizzle-orm/pg-core';

/** Binary data: a Buffer in Node, whatever the driver hands back. */
export const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});
