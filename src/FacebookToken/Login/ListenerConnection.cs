using System;
using System.Net.Sockets;

namespace FacebookToken;

/// <summary>One connection the loopback listener accepted, for its cap and the eviction of silent ones.</summary>
internal sealed class ListenerConnection
{
    private readonly TcpClient _client;
    private readonly DateTime _opened = DateTime.UtcNow;
    private volatile bool _headReceived;

    public ListenerConnection(TcpClient client)
    {
        _client = client;
    }

    public TimeSpan Age => DateTime.UtcNow - _opened;

    /// <summary>Whether the whole request head arrived; such a connection is being answered and is never evicted.</summary>
    public bool HeadReceived
    {
        get => _headReceived;
        set => _headReceived = value;
    }

    /// <summary>Whether the client has sent nothing that is waiting to be read, and no complete request head.</summary>
    /// <remarks>Bytes already waiting mean a client whose handler has not run yet (a busy machine), not an idle one.</remarks>
    public bool IsSilent
    {
        get
        {
            if (_headReceived)
            {
                return false;
            }

            try
            {
                Socket? socket = _client.Client;
                return socket is null || socket.Available == 0;
            }
            catch (Exception ex) when (ex is ObjectDisposedException || ex is SocketException)
            {
                return true;
            }
        }
    }

    /// <summary>Closes the socket, which also ends a read blocked on it.</summary>
    public void Close()
    {
        try
        {
            _client.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
