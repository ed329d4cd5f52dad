using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Simulator.Engine;

/// <summary>
/// Builds <see cref="ProcessTask"/> methods (used by the compiler, not by models). On the first wait the
/// state machine moves into a box whose MoveNext is handed to the awaiter as its continuation; the event
/// loop calls it directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct ProcessTaskMethodBuilder
{
    private ProcessTaskSource? _source;

    /// <summary>Compiler pattern.</summary>
    public static ProcessTaskMethodBuilder Create() => default;

    /// <summary>Compiler pattern: runs the method until its first wait.</summary>
    public readonly void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine =>
        stateMachine.MoveNext();

    /// <summary>Compiler pattern (unused).</summary>
    public readonly void SetStateMachine(IAsyncStateMachine stateMachine) { }

    /// <summary>Compiler pattern.</summary>
    public readonly ProcessTask Task => new(_source);

    /// <summary>Compiler pattern.</summary>
    public readonly void SetResult() => _source?.Complete(null);

    /// <summary>Compiler pattern.</summary>
    public void SetException(Exception exception)
    {
        if (_source is null) _source = ProcessTaskSource.Failed(exception);
        else _source.Complete(exception);
    }

    /// <summary>Compiler pattern.</summary>
    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion where TStateMachine : IAsyncStateMachine
    {
        RefuseThreadPoolAwaiters<TAwaiter>();
        awaiter.OnCompleted(GetBox(ref stateMachine).MoveNextAction);
    }

    /// <summary>Compiler pattern.</summary>
    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion where TStateMachine : IAsyncStateMachine
    {
        RefuseThreadPoolAwaiters<TAwaiter>();
        awaiter.UnsafeOnCompleted(GetBox(ref stateMachine).MoveNextAction);
    }

    private StateMachineBox<TStateMachine> GetBox<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine
    {
        if (_source is StateMachineBox<TStateMachine> box) return box;
        box = new StateMachineBox<TStateMachine>();
        _source = box;                       // first, so that the copy in the box refers to the box
        box.StateMachine = stateMachine;
        return box;
    }

    private static void RefuseThreadPoolAwaiters<TAwaiter>()
    {
        // Type tests on a generic parameter are folded by the JIT: no cost for the engine's awaiters.
        if (typeof(TAwaiter) == typeof(TaskAwaiter) ||
            typeof(TAwaiter) == typeof(ConfiguredTaskAwaitable.ConfiguredTaskAwaiter) ||
            typeof(TAwaiter) == typeof(YieldAwaitable.YieldAwaiter) ||
            typeof(TAwaiter) == typeof(ValueTaskAwaiter) ||
            typeof(TAwaiter) == typeof(ConfiguredValueTaskAwaitable.ConfiguredValueTaskAwaiter))
        {
            throw new InvalidOperationException(
                $"a process awaited a {typeof(TAwaiter).Name}, which resumes on the thread pool; in a ProcessTask method await only " +
                "sim.Delay, Signal.WaitAsync, Resource.RequestAsync, Process.WaitAsync or other ProcessTask methods");
        }
    }

    private sealed class StateMachineBox<TStateMachine> : ProcessTaskSource where TStateMachine : IAsyncStateMachine
    {
        public TStateMachine StateMachine = default!;
        public readonly Action MoveNextAction;

        public StateMachineBox() => MoveNextAction = MoveNext;

        private void MoveNext() => StateMachine.MoveNext();
    }
}
