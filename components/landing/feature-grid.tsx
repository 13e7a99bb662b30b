import { BadgeCheck, KeyRound, ShieldCheck, UsersRound, type LucideIcon } from "lucide-react";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

type Feature = { icon: LucideIcon; title: string; description: string };

const FEATURES: readonly Feature[] = [
  {
    icon: KeyRound,
    title: "OIDC",
    description: "Connect Okta, Entra ID, Google Workspace or any OpenID Connect provider per customer organization.",
  },
  {
    icon: ShieldCheck,
    title: "SAML",
    description: "Support the enterprise identity providers that still speak SAML 2.0, configured from the admin console.",
  },
  {
    icon: UsersRound,
    title: "SCIM",
    description: "Let customers provision and deprovision users and groups automatically from their directory.",
  },
  {
    icon: BadgeCheck,
    title: "Domain verification",
    description: "Prove ownership of an email domain before routing its users to the organization's identity provider.",
  },
];

export function FeatureGrid() {
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      {FEATURES.map(({ icon: Icon, title, description }) => (
        <li key={title}>
          <Card className="h-full">
            <CardHeader>
              <Icon aria-hidden className="text-primary mb-2 size-5" />
              <CardTitle>{title}</CardTitle>
              <CardDescription>{description}</CardDescription>
            </CardHeader>
          </Card>
        </li>
      ))}
    </ul>
  );
}
