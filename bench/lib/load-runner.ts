// The load generator's own process: autocannon against one URL, or with `paths`, each connection on its own path
// (connection i reads paths[i mod n]), as when several people each read their own plan. Prints autocannon's result.
import autocannon from 'autocannon';

type Job = {
  url: string;
  paths?: string[];
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
};

const job = JSON.parse(process.argv[2] ?? '{}') as Job;
let next = 0;
const result = await autocannon({
  url: job.url,
  connections: job.connections,
  duration: job.seconds,
  headers: job.headers,
  ...(job.paths?.length
    ? {
        setupClient: (client: { setRequests: (requests: Record<string, unknown>[]) => void }) => {
          const paths = job.paths ?? [];
          client.setRequests([{ method: 'GET', path: paths[next++ % paths.length], headers: job.headers }]);
        },
      }
    : {}),
});
process.stdout.write(`${JSON.stringify(result)}\n`);
