// Drives the module's internal PipelineMessages (by reflection; Add-Type -TypeDefinition) the way a cmdlet's end does:
// a core workflow on the thread pool hands a call to the pipeline thread (OnPipelineThread, as the -Vault store does),
// and the pipeline ends (the cmdlet is disposed) without serving it, as when Ctrl+C makes a pending Write* throw.
using System;
using System.Management.Automation;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace FacebookToken.Tests
{
    public sealed class PipelineMessagesProbeResult
    {
        public bool Ended { get; set; }
        public string Outcome { get; set; }
        public bool WorkRan { get; set; }
    }

    public static class PipelineMessagesProbe
    {
        /// <summary>
        /// Makes a PipelineMessages for <paramref name="cmdlet"/> on this thread (its pipeline thread), has a thread-pool
        /// task hand it a call, disposes it (before the call is posted when <paramref name="disposeFirst"/>, else after),
        /// and waits up to <paramref name="boundMs"/> for the task: a liveness bound, not a timing.
        /// </summary>
        public static PipelineMessagesProbeResult Run(Cmdlet cmdlet, bool disposeFirst, int boundMs)
        {
            Type type = cmdlet.GetType().Assembly.GetType("FacebookToken.Module.PipelineMessages", true);
            object messages = Activator.CreateInstance(type, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, null, new object[] { cmdlet }, null);
            MethodInfo onPipelineThread = type.GetMethod("OnPipelineThread").MakeGenericMethod(typeof(int));
            FieldInfo events = type.GetField("_events", BindingFlags.Instance | BindingFlags.NonPublic);
            int workRan = 0;
            Func<int> work = () => { Interlocked.Exchange(ref workRan, 1); return 42; };

            if (disposeFirst)
            {
                ((IDisposable)messages).Dispose();
            }

            Task<int> task = Task.Run(() => (int)onPipelineThread.Invoke(messages, new object[] { work }));
            if (!disposeFirst)
            {
                // Posted, not served: the call waits in the queue when the pipeline ends.
                var queue = (System.Collections.ICollection)events.GetValue(messages);
                SpinWait.SpinUntil(() => queue.Count > 0 || task.IsCompleted, boundMs);
                ((IDisposable)messages).Dispose();
            }

            bool ended = ((IAsyncResult)task).AsyncWaitHandle.WaitOne(boundMs);
            string outcome = !ended ? "still waiting"
                : task.Status == TaskStatus.RanToCompletion ? "returned " + task.Result
                : task.Exception.GetBaseException() is TargetInvocationException tie && tie.InnerException != null ? tie.InnerException.GetType().FullName
                : task.Exception.GetBaseException().GetType().FullName;
            return new PipelineMessagesProbeResult { Ended = ended, Outcome = outcome, WorkRan = Volatile.Read(ref workRan) == 1 };
        }
    }
}
