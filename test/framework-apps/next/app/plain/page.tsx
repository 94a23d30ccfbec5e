import { PlainOnramp } from './onramp';

export default function Page() {
  return <PlainOnramp />;
}
