import { fetchQuery } from "convex/nextjs";
import { Ban, CircleCheck, Clock, Link2Off, UsersRound } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { AuthCard, AuthShell } from "@/components/auth/auth-shell";
import { buttonVariants } from "@/components/ui/button";
import { api } from "@/convex/_generated/api";
import { withRedirectTo } from "@/lib/redirect";
import { getSessionToken } from "@/lib/server/session";
import { AcceptInvite } from "./_components/accept-invite";

export const metadata: Metadata = { title: "Invitation · Convex Group SSO", robots: { index: false } };

type InvitePageProps = { params: Promise<{ token: string }> };

const ROLE_PHRASE = { owner: "an owner", admin: "an admin", member: "a member" } as const;

/** Where an invitation email's link lands: who invited whom to what, then sign in (or up) and accept. */
export default async function InvitePage({ params }: InvitePageProps) {
  const { token } = await params;
  const sessionToken = await getSessionToken();
  const [invite, viewer] = await Promise.all([
    fetchQuery(api.invites.preview, { token }),
    // A token the backend refuses (e.g. its session just ended) counts as signed out.
    sessionToken ? fetchQuery(api.users.viewer, {}, { token: sessionToken }).catch(() => null) : null,
  ]);

  if (!invite) {
    return (
      <Outcome icon={<Link2Off />} title="This invitation link is not valid">
        Check that you opened the whole link from the email. If it still doesn&apos;t work, ask the person who
        invited you for a new invitation.
      </Outcome>
    );
  }

  const inviter = invite.invitedBy ?? "The person who invited you";
  switch (invite.state) {
    case "expired":
      return (
        <Outcome icon={<Clock />} title="This invitation has expired">
          Invitations to {invite.groupName} are valid for 7 days. Ask {invite.invitedBy ?? "the person who invited you"}{" "}
          to send a new one.
        </Outcome>
      );
    case "revoked":
      return (
        <Outcome icon={<Ban />} title="This invitation was withdrawn">
          {inviter} withdrew the invitation to {invite.groupName}. Ask them if you think this is a mistake.
        </Outcome>
      );
    case "accepted":
      return (
        <Outcome
          icon={<CircleCheck />}
          title="This invitation has already been used"
          action={viewer ? { href: "/dashboard", label: "Go to the dashboard" } : undefined}
        >
          Invitations work once. If you accepted it, {invite.groupName} is in your account already.
        </Outcome>
      );
    case "pending":
      break;
  }

  const here = `/invite/${encodeURIComponent(token)}`;
  return (
    <AuthShell>
      <AuthCard
        icon={<OutcomeIcon>{<UsersRound />}</OutcomeIcon>}
        title={`Join ${invite.groupName}`}
        description={
          <>
            {inviter} invited <strong className="text-foreground font-medium break-words">{invite.email}</strong> to
            join {invite.groupName} as {ROLE_PHRASE[invite.role]}.
          </>
        }
      >
        {viewer ? (
          <AcceptInvite token={token} invitedEmail={invite.email} viewerEmail={viewer.email} returnTo={here} />
        ) : (
          <div className="grid gap-4">
            <p className="text-sm text-pretty">
              Sign in or create an account with <strong className="font-medium break-words">{invite.email}</strong> to
              join {invite.groupName}.
            </p>
            <div className="grid gap-2 sm:grid-cols-2">
              <Link href={withRedirectTo("/sign-in", here)} className={buttonVariants()}>
                Sign in
              </Link>
              <Link href={withRedirectTo("/sign-up", here)} className={buttonVariants({ variant: "outline" })}>
                Create an account
              </Link>
            </div>
          </div>
        )}
      </AuthCard>
    </AuthShell>
  );
}

function OutcomeIcon({ children }: { children: ReactNode }) {
  return (
    <span
      aria-hidden
      className="bg-accent-subtle text-accent-subtle-foreground mb-2 flex size-10 items-center justify-center rounded-full [&_svg]:size-5"
    >
      {children}
    </span>
  );
}

type OutcomeProps = {
  icon: ReactNode;
  title: string;
  children: ReactNode;
  action?: { href: string; label: string };
};

/** An invitation that can't be accepted: what happened and what to do. */
function Outcome({ icon, title, children, action = { href: "/", label: "Go to the home page" } }: OutcomeProps) {
  return (
    <AuthShell>
      <AuthCard icon={<OutcomeIcon>{icon}</OutcomeIcon>} title={title} description={children}>
        <Link href={action.href} className={buttonVariants({ variant: "outline", className: "w-full" })}>
          {action.label}
        </Link>
      </AuthCard>
    </AuthShell>
  );
}
