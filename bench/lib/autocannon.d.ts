// The part of autocannon's programmatic API the load runner uses (the package ships no types).
declare module 'autocannon' {
  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
    setupClient?: (client: { setRequests: (requests: Record<string, unknown>[]) => void }) => void;
  };
  export default function autocannon(options: Options): Promise<Record<string, unknown>>;
}
