// Usage: node read-partition.mjs <partition directory>
// Prints one JSON object: the schema DuckDB sees, the row count, a few columns of every row in
// file order, and the answer to a lookup by lot number.
import { DuckDBInstance } from '@duckdb/node-api';

const dir = process.argv[2];
const glob = `'${dir.replaceAll("'", "''")}/*.parquet'`;
const source = `read_parquet(${glob}, filename = true, file_row_number = true)`;
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const query = async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJson();

const schema = (await query(`DESCRIBE SELECT * FROM read_parquet(${glob})`))
  .map((row) => ({ name: row.column_name, type: row.column_type }));
const count = (await query(`SELECT count(*)::INTEGER AS n FROM read_parquet(${glob})`))[0].n;
const rows = await query(
  `SELECT consentId, siteCode, vaccination.lotNumber AS lot, child.key AS childKey,
          epoch_ms(occurredAt)::BIGINT AS occurredAt
     FROM ${source} ORDER BY filename, file_row_number`);
// Statistics and bloom filters let DuckDB skip row groups; the answer must still be exact.
const firstLot = rows[0]?.lot;
const firstLotCount = (await query(
  `SELECT count(*)::INTEGER AS n FROM read_parquet(${glob}) WHERE vaccination.lotNumber = '${firstLot}'`))[0].n;

console.log(JSON.stringify({ schema, count, rows, firstLot, firstLotCount }));
connection.closeSync();
