import { describe, expect, it } from 'vitest';
import { FrameFlag } from '../../../shared/dissection.js';
import { LinkType } from '../../../shared/link-types.js';
import { columnsOf, field, findAll, hex, layerLines, summarize, TestLane } from './test-support.js';
import { FLOW } from './tcp-flow.fixture.js';

describe('TCP Info, frame by frame, as tshark writes it', () => {
  const ours = columnsOf(LinkType.EN10MB, FLOW);
  it.each(FLOW.map((c, i) => [c.name, c.expected, ours[i]] as const))('%s', (_name, expected, actual) => {
    expect(actual).toEqual(expected);
  });
});

describe('tcp.stream', () => {
  it('numbers conversations in order of first appearance, both directions alike, and reopens on port reuse', () => {
    const lane = new TestLane();
    const streams = FLOW.map((c) => lane.add(LinkType.EN10MB, c.bytes).streamId);
    expect(streams).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2]);
  });

  it('is -1 for frames without TCP', () => {
    expect(summarize(LinkType.EN10MB, hex('ffffffffffff 001122334455 0806 0001')).streamId).toBe(-1);
  });
});

describe('TCP header fields', () => {
  const lane = new TestLane();
  for (const c of FLOW.slice(0, 3)) lane.add(LinkType.EN10MB, c.bytes);
  // 0x0022:  d490 20fb 0000 03e8 0000 0000 a002 faf0   # 54416 → 8443, seq 1000, hlen 40, SYN, win 64240
  // 0x0032:  fe30 0000 0204 05b4 0402 080a 0001 e240   # csum, urg 0; MSS 1460; SACK_PERM; TS 123456
  // 0x0042:  0000 0000 0103 0307                       # TSecr 0; NOP; WS shift 7
  const syn = lane.details(1);

  it('has every header field at its range, worded as in Wireshark', () => {
    expect(syn.layers.find((l) => l.id === 'tcp')?.title).toBe(
      'Transmission Control Protocol, Src Port: 54416, Dst Port: 8443, Seq: 0, Len: 0',
    );
    expect(layerLines(syn, 'tcp').slice(0, 25)).toEqual([
      ['tcp.srcport', 'Source Port: 54416', [34, 36]],
      ['tcp.dstport', 'Destination Port: 8443', [36, 38]],
      ['tcp.stream', '[Stream index: 0]', [34, 34]],
      ['tcp.len', '[TCP Segment Len: 0]', [34, 34]],
      ['tcp.seq', 'Sequence Number: 0    (relative sequence number)', [38, 42]],
      ['tcp.seq_raw', 'Sequence Number (raw): 1000', [38, 42]],
      ['tcp.nxtseq', '[Next Sequence Number: 1    (relative sequence number)]', [34, 34]],
      ['tcp.ack', 'Acknowledgment Number: 0', [42, 46]],
      ['tcp.ack_raw', 'Acknowledgment number (raw): 0', [42, 46]],
      ['tcp.hdr_len', '1010 .... = Header Length: 40 bytes (10)', [46, 48]],
      ['tcp.flags', 'Flags: 0x002 (SYN)', [46, 48]],
      ['tcp.flags.res', '000. .... .... = Reserved: Not set', [46, 48]],
      ['tcp.flags.ae', '...0 .... .... = Accurate ECN: Not set', [46, 48]],
      ['tcp.flags.cwr', '.... 0... .... = Congestion Window Reduced: Not set', [46, 48]],
      ['tcp.flags.ece', '.... .0.. .... = ECN-Echo: Not set', [46, 48]],
      ['tcp.flags.urg', '.... ..0. .... = Urgent: Not set', [46, 48]],
      ['tcp.flags.ack', '.... ...0 .... = Acknowledgment: Not set', [46, 48]],
      ['tcp.flags.push', '.... .... 0... = Push: Not set', [46, 48]],
      ['tcp.flags.reset', '.... .... .0.. = Reset: Not set', [46, 48]],
      ['tcp.flags.syn', '.... .... ..1. = Syn: Set', [46, 48]],
      ['tcp.flags.fin', '.... .... ...0 = Fin: Not set', [46, 48]],
      ['tcp.flags.str', '[TCP Flags: ··········S·]', [46, 48]],
      ['tcp.window_size_value', 'Window: 64240', [48, 50]],
      ['tcp.window_size', '[Calculated window size: 64240]', [48, 50]],
      ['tcp.checksum', 'Checksum: 0xfe30 [unverified]', [50, 52]],
    ]);
  });

  it('has every option at its range', () => {
    expect(layerLines(syn, 'tcp').slice(26)).toEqual([
      [
        'tcp.options',
        'Options: (20 bytes), Maximum segment size, SACK permitted, Timestamps, No-Operation (NOP), Window scale',
        [54, 74],
      ],
      ['tcp.options.mss', 'TCP Option - Maximum segment size: 1460 bytes', [54, 58]],
      ['tcp.option_kind', 'Kind: Maximum Segment Size (2)', [54, 55]],
      ['tcp.option_len', 'Length: 4', [55, 56]],
      ['tcp.options.mss_val', 'MSS Value: 1460', [56, 58]],
      ['tcp.options.sack_perm', 'TCP Option - SACK permitted', [58, 60]],
      ['tcp.option_kind', 'Kind: SACK Permitted (4)', [58, 59]],
      ['tcp.option_len', 'Length: 2', [59, 60]],
      ['tcp.options.timestamp', 'TCP Option - Timestamps: TSval 123456, TSecr 0', [60, 70]],
      ['tcp.option_kind', 'Kind: Time Stamp Option (8)', [60, 61]],
      ['tcp.option_len', 'Length: 10', [61, 62]],
      ['tcp.options.timestamp.tsval', 'Timestamp value: 123456', [62, 66]],
      ['tcp.options.timestamp.tsecr', 'Timestamp echo reply: 0', [66, 70]],
      ['tcp.options.nop', 'TCP Option - No-Operation (NOP)', [70, 71]],
      ['tcp.option_kind', 'Kind: No-Operation (1)', [70, 71]],
      ['tcp.options.wscale', 'TCP Option - Window scale: 7 (multiply by 128)', [71, 74]],
      ['tcp.option_kind', 'Kind: Window Scale (3)', [71, 72]],
      ['tcp.option_len', 'Length: 3', [72, 73]],
      ['tcp.options.wscale.shift', 'Shift count: 7', [73, 74]],
      ['tcp.options.wscale.multiplier', '[Multiplier: 128]', [73, 74]],
    ]);
  });

  it('shows relative numbers and the scaled window on later segments', () => {
    const ack = lane.details(3);
    expect(field(ack, 'tcp.seq').value).toBe(1);
    expect(field(ack, 'tcp.ack').display).toBe('Acknowledgment Number: 1    (relative ack number)');
    expect(field(ack, 'tcp.window_size').value).toBe(64256);
    expect(field(ack, 'tcp.window_size_scalefactor').value).toBe(128);
  });

  it('does not change the summary state when details are asked for', () => {
    const before = lane.add(LinkType.EN10MB, FLOW[3]!.bytes);
    lane.details(2);
    lane.details(4);
    const after = lane.add(LinkType.EN10MB, FLOW[4]!.bytes);
    expect(before.info).toBe(FLOW[3]!.expected[3]);
    expect(after.info).toBe(FLOW[4]!.expected[3]);
  });

  it('replays the columns of any frame later, as the summary pass gave them', () => {
    const lane2 = new TestLane();
    const summaries = FLOW.map((c) => lane2.add(LinkType.EN10MB, c.bytes));
    FLOW.forEach((c, i) => expect(lane2.replay(i + 1)).toEqual(summaries[i]));
  });

  it('records the analysis flags for the details tree', () => {
    const lane2 = new TestLane();
    for (const c of FLOW) lane2.add(LinkType.EN10MB, c.bytes);
    expect(findAll(lane2.details(5), 'tcp.analysis.retransmission')).toHaveLength(1);
    expect(field(lane2.details(7), 'tcp.analysis.duplicate_ack_num').value).toBe(1);
    expect(field(lane2.details(7), 'tcp.analysis.duplicate_ack_frame').value).toBe(6);
  });
});

describe('impossible and cut-short TCP headers', () => {
  const ip = (length: string, tcp: string) =>
    hex(`0011 2233 4455 6677 8899 aabb 0800 4500 ${length} 0001 0000 4006 0000 0a00 0001 0a00 0002 ${tcp}`);

  it('shows the ports of a header cut short, then [Malformed Packet]', () => {
    const out = summarize(LinkType.EN10MB, ip('001e', '0050 1234 0000 0001 0000'));
    expect(out).toMatchObject({ protocol: 'TCP', info: '80 → 4660[Malformed Packet]' });
    expect(out.flags & FrameFlag.Malformed).toBeTruthy();
  });

  it('reports a header length below 20 in Info, as Wireshark does', () => {
    const out = summarize(LinkType.EN10MB, ip('0028', '0050 1234 00000001 00000000 4002 1000 0000 0000'));
    expect(out.info).toBe(
      '80 → 4660 [SYN] Seq=0 Win=4096, bogus TCP header length (16, must be at least 20)',
    );
    expect(out.flags & FrameFlag.Malformed).toBeTruthy();
  });

  it('a header longer than the segment: no Len, absolute numbers, malformed', () => {
    // total length 40: 20 bytes of TCP, but the data offset says 28
    const bytes = ip('0028', 'c207 61b6 5744 505b 4da4 90b9 7010 0891 bbe7 e00a 0000 0000 0000');
    expect(summarize(LinkType.EN10MB, bytes).info).toBe(
      '49671 → 25014 [ACK] Seq=1464094811 Ack=1302630585 Win=2193[Malformed Packet]',
    );
  });

  it('options cut by the snap length keep the options read so far', () => {
    // 0x0036:  0204 05b4 0402 080a 0000   # MSS, SACK_PERM, then a timestamp the capture cuts
    const bytes = ip('003c', 'ed9b 0019 3e17 75de 0000 0000 a0c2 16d0 90d6 0000 0204 05b4 0402 080a 0000');
    const out = summarize(LinkType.EN10MB, bytes, { originalLength: 74 });
    expect(out.info).toBe(
      '60827 → 25 [SYN, ECE, CWR] Seq=0 Win=5840 Len=0 MSS=1460 SACK_PERM[Packet size limited during capture]',
    );
    expect(out.flags & FrameFlag.Truncated).toBeTruthy();
  });
});
