// A PowerShell host whose ReadLine answers with scripted lines, for tests of prompts (Add-Type -TypeDefinition).
// Everything the host is asked to show is recorded; reading past the script throws instead of waiting for a user.
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace FacebookToken.Tests
{
    public sealed class ScriptedHost : PSHost
    {
        private readonly ScriptedHostUserInterface _ui;
        private readonly Guid _instanceId = Guid.NewGuid();

        public ScriptedHost(string[] lines)
        {
            _ui = new ScriptedHostUserInterface(lines);
        }

        public ScriptedHostUserInterface Script
        {
            get { return _ui; }
        }

        public override string Name
        {
            get { return "FacebookToken.Tests.ScriptedHost"; }
        }

        public override Version Version
        {
            get { return new Version(1, 0); }
        }

        public override Guid InstanceId
        {
            get { return _instanceId; }
        }

        public override PSHostUserInterface UI
        {
            get { return _ui; }
        }

        public override CultureInfo CurrentCulture
        {
            get { return CultureInfo.InvariantCulture; }
        }

        public override CultureInfo CurrentUICulture
        {
            get { return CultureInfo.InvariantCulture; }
        }

        public override void SetShouldExit(int exitCode)
        {
        }

        public override void EnterNestedPrompt()
        {
            throw new NotSupportedException();
        }

        public override void ExitNestedPrompt()
        {
            throw new NotSupportedException();
        }

        public override void NotifyBeginApplication()
        {
        }

        public override void NotifyEndApplication()
        {
        }
    }

    public sealed class ScriptedHostUserInterface : PSHostUserInterface
    {
        private readonly Queue<string> _lines;

        public ScriptedHostUserInterface(string[] lines)
        {
            _lines = new Queue<string>(lines);
        }

        /// <summary>How many times ReadLine was called.</summary>
        public int Reads { get; private set; }

        /// <summary>Everything written to the host, in order.</summary>
        public List<string> Written { get; } = new List<string>();

        public override PSHostRawUserInterface RawUI
        {
            get { return null; }
        }

        public override string ReadLine()
        {
            Reads++;
            if (_lines.Count == 0)
            {
                throw new InvalidOperationException("The scripted host has no line left for read " + Reads + ".");
            }

            return _lines.Dequeue();
        }

        public override SecureString ReadLineAsSecureString()
        {
            throw new NotSupportedException("The scripted host reads no secure strings.");
        }

        public override void Write(string value)
        {
            Written.Add(value);
        }

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value)
        {
            Written.Add(value);
        }

        public override void WriteLine(string value)
        {
            Written.Add(value);
        }

        public override void WriteErrorLine(string value)
        {
            Written.Add("ERROR: " + value);
        }

        public override void WriteDebugLine(string message)
        {
            Written.Add("DEBUG: " + message);
        }

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
        }

        public override void WriteVerboseLine(string message)
        {
            Written.Add("VERBOSE: " + message);
        }

        public override void WriteWarningLine(string message)
        {
            Written.Add("WARNING: " + message);
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
        {
            throw new NotSupportedException("The scripted host answers ReadLine only.");
        }

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName)
        {
            throw new NotSupportedException("The scripted host answers ReadLine only.");
        }

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
        {
            throw new NotSupportedException("The scripted host answers ReadLine only.");
        }

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            throw new NotSupportedException("The scripted host answers ReadLine only.");
        }
    }
}
