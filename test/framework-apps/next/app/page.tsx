import { Onramp } from './onramp';

export default function Page() {
  return <Onramp />;
}
