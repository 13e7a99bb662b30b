import Link from "next/link";
import { PageHeader } from "@/components/console/page-header";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";

/** A group-scoped page seen by someone who belongs to no organization yet. */
export function NoOrganization({ eyebrow, title }: { eyebrow: string; title: string }) {
  return (
    <>
      <PageHeader eyebrow={eyebrow} title={title} />
      <Card>
        <CardHeader>
          <CardDescription>You are not a member of any organization yet.</CardDescription>
        </CardHeader>
        <CardContent>
          <Link href="/onboarding" className={buttonVariants()}>
            Create organization
          </Link>
        </CardContent>
      </Card>
    </>
  );
}
