import { CircleCheck } from "lucide-react";
import type { Metadata } from "next";
import { AuthCard, AuthShell } from "@/components/auth/auth-shell";

export const metadata: Metadata = { title: "Test sign-in finished · Convex Group SSO", robots: { index: false, follow: false } };

/**
 * Where a test sign-in started from a setup link's wizard ends (ssoFlow.ts):
 * the server can't send this tab back to the wizard, whose token it doesn't
 * keep, so it says where the outcome is.
 */
export default function TestFinishedPage() {
  return (
    <AuthShell>
      <AuthCard
        icon={
          <span aria-hidden className="bg-accent-subtle text-accent-subtle-foreground mb-2 flex size-10 items-center justify-center rounded-full [&_svg]:size-5">
            <CircleCheck />
          </span>
        }
        title="Test sign-in finished"
        description="Its outcome is on the set-up page, in the tab you started it from. You can close this tab."
      />
    </AuthShell>
  );
}
