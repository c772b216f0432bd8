using TypedActors.Analyzers.Design;
using TypedActors.Analyzers.Tests.Infrastructure;

namespace TypedActors.Analyzers.Tests.Design;

public sealed class MailboxAttributeTests
{
    [Fact]
    public Task Valid_mailbox_attributes_are_accepted() => Verify.Analyzer<MailboxAttributeAnalyzer>("""
        public sealed record Job;

        [Mailbox(Capacity = 1)]
        public partial class Smallest : Actor { [Receive] void On(Job _) { } }

        [Mailbox(Capacity = MailboxOptions.MaxCapacity, Overflow = MailboxOverflow.DropOldest)]
        public partial class Largest : Actor { [Receive] void On(Job _) { } }

        [Mailbox(Capacity = MailboxAttribute.Unbounded)]
        public partial class Unbounded : Actor { [Receive] void On(Job _) { } }

        [Mailbox(Capacity = MailboxAttribute.Unbounded, Overflow = MailboxOverflow.DropNewest)]
        public partial class UnboundedWithDefaultPolicy : Actor { [Receive] void On(Job _) { } }

        [Mailbox(Overflow = MailboxOverflow.DropOldest)]
        public partial class SystemCapacity : Actor { [Receive] void On(Job _) { } }

        [Mailbox]
        public partial class Plain : Actor { [Receive] void On(Job _) { } }
        """);

    [Fact]
    public Task A_zero_capacity_is_TA1012_naming_the_actor_and_the_fix() => Verify.Analyzer<MailboxAttributeAnalyzer>("""
        public sealed record Job;

        [Mailbox({|#0:Capacity = 0|})]
        public partial class Ingest : Actor { [Receive] void On(Job _) { } }
        """, expected:
        [
            Verify.Diagnostic("TA1012").WithLocation(0).WithArguments(
                "Ingest",
                "Capacity = 0 is not a bound; leave Capacity out to take the system's default (ActorSystemOptions.MailboxCapacity), give a capacity from 1 to 1073741824, or MailboxAttribute.Unbounded for no bound"),
        ]);

    [Fact]
    public Task Negative_and_too_large_capacities_are_TA1012() => Verify.Analyzer<MailboxAttributeAnalyzer>("""
        public sealed record Job;

        [Mailbox({|#0:Capacity = -5|})]
        public partial class Negative : Actor { [Receive] void On(Job _) { } }

        [Mailbox({|#1:Capacity = MailboxOptions.MaxCapacity + 1|}, Overflow = MailboxOverflow.DropOldest)]
        public partial class TooLarge : Actor { [Receive] void On(Job _) { } }
        """, expected:
        [
            Verify.Diagnostic("TA1012").WithLocation(0).WithArguments(
                "Negative",
                "Capacity = -5 is outside 1 to 1073741824; give a capacity from 1 to 1073741824, MailboxAttribute.Unbounded for no bound, or leave Capacity out to take the system's default"),
            Verify.Diagnostic("TA1012").WithLocation(1).WithArguments(
                "TooLarge",
                "Capacity = 1073741825 is outside 1 to 1073741824; give a capacity from 1 to 1073741824, MailboxAttribute.Unbounded for no bound, or leave Capacity out to take the system's default"),
        ]);

    [Fact]
    public Task An_undefined_overflow_policy_is_TA1012() => Verify.Analyzer<MailboxAttributeAnalyzer>("""
        public sealed record Job;

        [Mailbox(Capacity = 10, {|#0:Overflow = (MailboxOverflow)7|})]
        public partial class Ingest : Actor { [Receive] void On(Job _) { } }
        """, expected:
        [
            Verify.Diagnostic("TA1012").WithLocation(0).WithArguments(
                "Ingest", "Overflow = 7 is not a MailboxOverflow; use MailboxOverflow.DropNewest or MailboxOverflow.DropOldest"),
        ]);

    [Fact]
    public Task Dropping_the_oldest_of_an_unbounded_mailbox_is_TA1012() => Verify.Analyzer<MailboxAttributeAnalyzer>("""
        public sealed record Job;

        [Mailbox(Capacity = MailboxAttribute.Unbounded, {|#0:Overflow = MailboxOverflow.DropOldest|})]
        public partial class Ingest : Actor { [Receive] void On(Job _) { } }
        """, expected:
        [
            Verify.Diagnostic("TA1012").WithLocation(0).WithArguments(
                "Ingest", "an unbounded mailbox is never full, so its Overflow policy never applies; give a Capacity from 1 to 1073741824, or remove Overflow"),
        ]);

    [Fact]
    public Task A_mailbox_attribute_on_a_class_that_is_not_an_actor_is_not_checked() => Verify.Analyzer<MailboxAttributeAnalyzer>("""
        [Mailbox(Capacity = 0)]
        public sealed class NotAnActor { }
        """);
}
