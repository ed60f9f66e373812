import * as React from 'react';
import { greet } from '../util';

export default function IndexPage() {
  const [n, setN] = React.useState(0);
  return <button onClick={() => setN(n + 1)}>{greet('world')}: {n}</button>;
}
